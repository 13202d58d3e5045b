import * as fs from "node:fs";
import * as path from "node:path";
import Mocha from "mocha";

/**
 * The entry point VS Code calls inside the extension host (`extensionTestsPath`): runs every
 * compiled `*.vscode-test.js` file next to this one. The names keep them out of `npm test`,
 * whose runner picks `*.test.js` and has no editor to offer.
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: "bdd", timeout: 60_000, color: true });
  for (const file of fs.readdirSync(__dirname)) {
    if (file.endsWith(".vscode-test.js")) {
      mocha.addFile(path.join(__dirname, file));
    }
  }

  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve(),
    );
  });
}
