import { uncheckedEsdkEncryptionContext } from "../../../src/rules/code/unchecked-esdk-encryption-context";
import { runRuleTests } from "../../support/rule-tester";

const ESDK =
  'import { buildClient, CommitmentPolicy } from "@aws-crypto/client-node";\nconst { decrypt, decryptStream } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);\n';

const MESSAGE = (operation: string) =>
  `The Encryption SDK's ${operation} result is used without reading messageHeader.encryptionContext; check that the expected pairs are present before trusting the plaintext.`;

runRuleTests(uncheckedEsdkEncryptionContext, {
  valid: [
    {
      name: "the header context is read through destructuring",
      code: `${ESDK}export async function open(b: Uint8Array) {\n  const { plaintext, messageHeader } = await decrypt(keyring, b);\n  if (messageHeader.encryptionContext.tenant !== "t") throw new Error("mismatch");\n  return plaintext;\n}`,
    },
    {
      name: "the header context is read through the result",
      code: `${ESDK}export async function open(b: Uint8Array) {\n  const result = await decrypt(keyring, b);\n  check(result.messageHeader.encryptionContext);\n  return result.plaintext;\n}`,
    },
    {
      name: "nested destructuring of encryptionContext",
      code: `${ESDK}async function open(b: Uint8Array) {\n  const { messageHeader: { encryptionContext } } = await decrypt(keyring, b);\n  return encryptionContext;\n}`,
    },
    {
      name: "the whole result is returned to the caller",
      code: `${ESDK}export const open = (b: Uint8Array) => decrypt(keyring, b);\nexport async function open2(b: Uint8Array) {\n  return await decrypt(keyring, b);\n}`,
    },
    {
      name: "decryptStream with a MessageHeader listener that reads the context",
      code: `${ESDK}export function open(source: NodeJS.ReadableStream) {\n  return source.pipe(decryptStream(keyring)).on("MessageHeader", (header) => verify(header.encryptionContext));\n}`,
    },
    {
      name: "the check happens in the function around a callback",
      code: `${ESDK}async function open(items: Uint8Array[]) {\n  const results = await Promise.all(items.map((b) => decrypt(keyring, b).then((r) => r)));\n  results.forEach(({ messageHeader }) => assertContext(messageHeader.encryptionContext));\n}`,
    },
    {
      name: "a decrypt that is not from the Encryption SDK",
      code: `import { buildClient } from "@aws-crypto/client-node";\nimport { decrypt } from "./local";\nasync function open(b: Uint8Array) {\n  const { plaintext } = await decrypt(keyring, b);\n  return plaintext;\n}`,
    },
    {
      name: "commented-out code",
      code: `${ESDK}// const { plaintext } = await decrypt(keyring, b);`,
    },
  ],
  invalid: [
    {
      name: "only the plaintext is used",
      code: `${ESDK}export async function open(b: Uint8Array) {\n  const { plaintext } = await decrypt(keyring, b);\n  return plaintext;\n}`,
      errors: [{ text: "decrypt(keyring, b)", message: MESSAGE("decrypt") }],
    },
    {
      name: "a header read in another function does not count",
      code: `${ESDK}async function open(b: Uint8Array) {\n  const r = await decrypt(keyring, b);\n  return r.plaintext;\n}\nfunction other(r: any) {\n  return r.messageHeader.encryptionContext;\n}`,
      errors: [{ text: "decrypt(keyring, b)", message: MESSAGE("decrypt") }],
    },
    {
      name: "client used through properties, decryptStream piped without a header check",
      fileName: "stream.js",
      code: `const { buildClient } = require("@aws-crypto/client-node");\nconst client = buildClient();\nfunction open(source, sink) {\n  source.pipe(client.decryptStream(keyring)).pipe(sink);\n}`,
      errors: [{ text: "decryptStream(keyring)", message: MESSAGE("decryptStream") }],
    },
  ],
});
