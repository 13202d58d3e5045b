import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { repoRoot } from "./paths";

/** The official SARIF 2.1.0 schema as shipped in @microsoft/jest-sarif. */
export const SARIF_SCHEMA_PATH = path.join(
  repoRoot,
  "node_modules",
  "@microsoft",
  "jest-sarif",
  "lib",
  "schemas",
  "sarif-2.1.0-rtm.5.json",
);

/** Validates a SARIF log against the official schema; returns the errors, empty when valid. */
export function validateSarif(log: unknown): string[] {
  // The official schema's `language` pattern has a stray `]`, which is only legal in regular
  // expressions without the `u` flag, so Ajv must compile patterns without it.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_PATH, "utf8")));
  if (validate(log)) {
    return [];
  }
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}
