const AWS = require("aws-sdk");
const { buildClient, CommitmentPolicy } = require("@aws-crypto/client-node");

const kms = new AWS.KMS();
const { encrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);

async function seal(keyring, data) {
  await kms.encrypt({ KeyId: "alias/app", Plaintext: data }).promise();
  return encrypt(keyring, data);
}

module.exports = { seal };
