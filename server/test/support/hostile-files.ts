import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fixturePath } from "./paths";

/** One pathological input and where it lives. */
export interface HostileFile {
  /** A stable name used in test titles. */
  name: string;
  path: string;
  /** The skip reason the engine must give with the default configuration, or undefined. */
  expectedSkip?: string;
  /** The findings of an analysed file, as `CODE@line:character` (zero-based). */
  expectedFindings: string[];
}

const TOO_BIG = "larger than the 2097152-byte limit (maxFileSize)";
const TOO_DEEP = "nested deeper than 256 levels";

/** An SDK v3 encrypt call without encryption context: KMS001 once the code rules run. */
const ENCRYPT_WITHOUT_CONTEXT =
  'await client.send(new EncryptCommand({ KeyId: "alias/app", Plaintext: data }));';

const CODE_HEADER =
  'import { KMSClient, EncryptCommand } from "@aws-sdk/client-kms";\n' +
  "const client = new KMSClient({});\n" +
  "const data = new Uint8Array(8);\n";

function repeatTo(bytes: number, unit: (index: number) => string): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const part = unit(index);
    parts.push(part);
    size += part.length;
  }
  return parts.join("");
}

/** The big files, too large to commit, written into `directory`. */
function generate(directory: string): HostileFile[] {
  const files: [string, string, string | undefined, string[]?][] = [
    [
      "bundle-10mb.min.js",
      CODE_HEADER.replace(/\n/g, "") +
        repeatTo(10 * 1024 * 1024, (i) => `function f${i}(a){return a.map(b=>b+${i})};`) +
        ENCRYPT_WITHOUT_CONTEXT,
      TOO_BIG,
    ],
    [
      "policy-5mb.json",
      '{"Version":"2012-10-17","Statement":[' +
        repeatTo(
          5 * 1024 * 1024,
          (i) =>
            JSON.stringify({
              Sid: `S${i}`,
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::111122223333:role/R${i}` },
              Action: ["kms:Decrypt"],
              Resource: "*",
              Condition: { StringEquals: { "kms:EncryptionContext:tenant": `t${i}` } },
            }) + ",",
        ) +
        '{"Effect":"Deny","Action":"kms:*","Resource":"*"}]}',
      TOO_BIG,
    ],
    ["nested-10000.json", `${'{"a":'.repeat(10000)}1${"}".repeat(10000)}`, TOO_DEEP],
    ["nested-flow-1000.yaml", `Resources: ${"[".repeat(1000)}${"]".repeat(1000)}\n`, TOO_DEEP],
    ["nested-dashes-1000.yaml", `Resources:\n  ${"- ".repeat(1000)}x\n`, TOO_DEEP],
    ["nested-parens-2000.ts", `const x = ${"(".repeat(2000)}1${")".repeat(2000)};\n`, TOO_DEEP],
    [
      "lines-80000.ts",
      CODE_HEADER +
        Array.from({ length: 80000 - 4 }, (_, i) =>
          i % 20000 === 10000 ? ENCRYPT_WITHOUT_CONTEXT : `const v${i} = ${i};`,
        ).join("\n") +
        "\n",
      undefined,
      [10003, 30003, 50003, 70003].map((line) => `KMS001@${line}:18`),
    ],
    [
      "long-line-1mb.ts",
      CODE_HEADER + `const padding = "${"x".repeat(1024 * 1024)}"; ${ENCRYPT_WITHOUT_CONTEXT}\n`,
      undefined,
      [`KMS001@3:${'const padding = "'.length + 1024 * 1024 + '"; '.length + 18}`],
    ],
    [
      // A left-deep expression tree with no brackets at all: only a recursive walk can
      // overflow on it. The code extractor walks such chains with a loop, so the file is
      // analysed and the encrypt call after it is still found.
      "concat-20000.ts",
      CODE_HEADER +
        `const joined = ${Array.from({ length: 20000 }, () => '"a"').join(" + ")};\n` +
        `${ENCRYPT_WITHOUT_CONTEXT}\n`,
      undefined,
      ["KMS001@4:18"],
    ],
  ];

  return files.map(([name, text, expectedSkip, expectedFindings = []]) => {
    const file = path.join(directory, name);
    fs.writeFileSync(file, text);
    return { name, path: file, expectedSkip, expectedFindings };
  });
}

/** The small hostile files checked in under `test-fixtures/hostile/`. */
export const CHECKED_IN_HOSTILE: HostileFile[] = [
  {
    name: "billion-laughs.yaml",
    path: fixturePath("hostile", "billion-laughs.yaml"),
    expectedFindings: [],
  },
  {
    name: "binary.json",
    path: fixturePath("hostile", "binary.json"),
    expectedSkip: "binary content (NUL bytes)",
    expectedFindings: [],
  },
  {
    name: "invalid-utf8.json",
    path: fixturePath("hostile", "invalid-utf8.json"),
    expectedFindings: [],
  },
];

/**
 * Writes the generated hostile files into a fresh temporary directory, next to copies of the
 * checked-in ones, and returns them all. Call `remove()` when done: the directory holds about 16 MB.
 */
export function hostileFiles(): { files: HostileFile[]; directory: string; remove(): void } {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "kms-hostile-"));
  // A package.json marks the directory as a project root, so a CLI run there does not pick up
  // a config file from a parent directory.
  fs.writeFileSync(path.join(directory, "package.json"), "{}");
  const checkedIn = CHECKED_IN_HOSTILE.map((file) => {
    const copy = path.join(directory, file.name);
    fs.copyFileSync(file.path, copy);
    return { ...file, path: copy };
  });
  return {
    files: [...generate(directory), ...checkedIn],
    directory,
    remove: () => fs.rmSync(directory, { recursive: true, force: true }),
  };
}
