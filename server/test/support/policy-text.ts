import type { RangeTuple } from "./policy-tester";

/**
 * Builders for policy test documents, so rule tables show only the statements that matter.
 * Statements are passed as written in the document (JSON at 4 spaces, YAML list items at 10).
 */

/** A JSON key policy holding the given statements. */
export function jsonPolicy(...statements: string[]): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(",\n")}\n  ]\n}\n`;
}

/** A CloudFormation YAML template with one `AWS::KMS::Key` whose policy holds the statements. */
export function yamlTemplate(...statements: string[]): string {
  return (
    'AWSTemplateFormatVersion: "2010-09-09"\n' +
    "Resources:\n" +
    "  AppKey:\n" +
    "    Type: AWS::KMS::Key\n" +
    "    Properties:\n" +
    "      KeyPolicy:\n" +
    '        Version: "2012-10-17"\n' +
    "        Statement:\n" +
    statements.join("\n") +
    "\n"
  );
}

/**
 * The range of `statement` inside `text`, found by plain string search (independent of the
 * parsers): from its first non-blank character (after a YAML `- `) to its last one.
 */
export function rangeOf(text: string, statement: string): RangeTuple {
  const at = text.indexOf(statement);
  if (at < 0) {
    throw new Error(`statement not in text:\n${statement}`);
  }
  const leading = /^[\s-]*/.exec(statement)![0].length;
  const start = at + leading;
  const end = at + statement.trimEnd().length;
  const position = (offset: number): [number, number] => {
    const before = text.slice(0, offset);
    const line = before.split("\n").length - 1;
    return [line, offset - (before.lastIndexOf("\n") + 1)];
  };
  return [...position(start), ...position(end)] as RangeTuple;
}
