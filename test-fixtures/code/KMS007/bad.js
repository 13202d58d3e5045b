const AWS = require("aws-sdk");

const kms = new AWS.KMS();

function shareWith(roleArn) {
  return kms
    .createGrant({ KeyId: "alias/app", GranteePrincipal: roleArn, Operations: ["Encrypt", "Decrypt"] })
    .promise();
}

module.exports = { shareWith };
