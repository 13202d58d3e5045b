import * as ts from "typescript";
import type { PolicyStatement } from "./model";
import { readPolicyDocument, type PolicyOrigin } from "./statements";
import type { TreeEntry, TreeNode } from "./tree";
import { markerTest } from "../text-markers";

/**
 * Reads CDK policy statements from TypeScript/JavaScript: `new iam.PolicyStatement({ … })`,
 * `PolicyStatement.fromJson({ … })` and `PolicyDocument.fromJson({ … })` with object literals.
 * Only literals are read; any other expression is an unknown value, never a guess.
 */

/** Policy literals nest a few levels; deeper nesting is read as unknown. */
const MAX_LITERAL_DEPTH = 64;

const MENTIONS_POLICY = /\bPolicy(Statement|Document)\b/;

/**
 * Extracts the CDK statements of a TS/JS document. The text is parsed only when it mentions
 * `PolicyStatement` or `PolicyDocument`; pass `sourceFile` (a tree, or a function that returns
 * one only when asked) to reuse a tree parsed elsewhere.
 */
export function extractCdkStatements(
  fileName: string,
  text: string,
  sourceFile?: ts.SourceFile | (() => ts.SourceFile),
): PolicyStatement[] {
  if (!MENTIONS_POLICY.test(text)) {
    return [];
  }
  const file =
    (typeof sourceFile === "function" ? sourceFile() : sourceFile) ??
    ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const statements: PolicyStatement[] = [];
  const origin: PolicyOrigin = {
    source: "cdk",
    format: "cdk",
    editable: false,
    container: { resourceType: "cdk:PolicyStatement", policyKind: "unknown" },
  };

  // Every statement this reads is written with the name PolicyStatement or PolicyDocument, so
  // a subtree whose text holds neither cannot contain one and is not walked: in a large file
  // only the few paths down to those names are visited instead of every node.
  const mayHoldStatement = markerTest(text, /Policy(?:Statement|Document)/g);
  const visit = (node: ts.Node): void => {
    if (!mayHoldStatement(node.pos, node.end)) {
      return;
    }
    if (ts.isNewExpression(node) && endsWithName(node.expression, "PolicyStatement")) {
      const props = node.arguments?.[0];
      if (props && ts.isObjectLiteralExpression(props)) {
        const statement = cdkPropsToStatement(props, node, file);
        readLoneStatement(statement, origin, statements);
      }
    } else if (ts.isCallExpression(node) && isFromJson(node.expression)) {
      const argument = node.arguments[0];
      const owner = (node.expression as ts.PropertyAccessExpression).expression;
      if (argument && ts.isObjectLiteralExpression(argument)) {
        const converted = convertExpression(argument, file);
        if (endsWithName(owner, "PolicyDocument")) {
          readPolicyDocument(converted, origin, statements);
        } else {
          readLoneStatement(converted, origin, statements);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  statements.forEach((statement, index) => (statement.index = index));
  return statements;
}

function scriptKind(fileName: string): ts.ScriptKind {
  if (/\.tsx$/i.test(fileName)) {
    return ts.ScriptKind.TSX;
  }
  if (/\.jsx$/i.test(fileName)) {
    return ts.ScriptKind.JSX;
  }
  return /\.[cm]?js$/i.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
}

function readLoneStatement(node: TreeNode, origin: PolicyOrigin, out: PolicyStatement[]): void {
  if (node.type !== "map") {
    return;
  }
  const wrapper: TreeNode = {
    type: "map",
    start: node.start,
    end: node.end,
    entries: [{ key: "Statement", keyStart: node.start, keyEnd: node.start, value: node }],
  };
  readPolicyDocument(wrapper, origin, out);
}

function endsWithName(expression: ts.Expression, name: string): boolean {
  if (ts.isIdentifier(expression)) {
    return expression.text === name;
  }
  return ts.isPropertyAccessExpression(expression) && expression.name.text === name;
}

function isFromJson(expression: ts.Expression): boolean {
  return (
    ts.isPropertyAccessExpression(expression) &&
    expression.name.text === "fromJson" &&
    (endsWithName(expression.expression, "PolicyStatement") ||
      endsWithName(expression.expression, "PolicyDocument"))
  );
}

const CDK_PROPS: Record<string, string> = {
  actions: "Action",
  notActions: "NotAction",
  resources: "Resource",
  notResources: "NotResource",
  conditions: "Condition",
  sid: "Sid",
};

/** Maps `PolicyStatement` props onto the JSON statement shape the rules read. */
function cdkPropsToStatement(
  props: ts.ObjectLiteralExpression,
  construction: ts.NewExpression,
  file: ts.SourceFile,
): TreeNode {
  // The statement's range is the whole `new PolicyStatement(…)` expression.
  const start = construction.getStart(file);
  const end = construction.end;
  const entries: TreeEntry[] = [];
  let effect: TreeEntry | undefined;

  for (const property of props.properties) {
    if (!ts.isPropertyAssignment(property)) {
      continue;
    }
    const name = propertyName(property.name);
    const keyStart = property.name.getStart(file);
    const keyEnd = property.name.end;
    if (name === "effect") {
      effect = { key: "Effect", keyStart, keyEnd, value: effectOf(property.initializer, file) };
    } else if (name === "principals") {
      entries.push({
        key: "Principal",
        keyStart,
        keyEnd,
        value: principalsOf(property.initializer, file),
      });
    } else if (name && CDK_PROPS[name]) {
      const value = convertExpression(property.initializer, file);
      entries.push({ key: CDK_PROPS[name], keyStart, keyEnd, value });
    }
  }

  // CDK statements allow unless told otherwise.
  entries.push(
    effect ?? {
      key: "Effect",
      keyStart: start,
      keyEnd: start,
      value: { type: "scalar", start, end: start, value: "Allow" },
    },
  );
  return { type: "map", start, end, entries };
}

function effectOf(expression: ts.Expression, file: ts.SourceFile): TreeNode {
  const start = expression.getStart(file);
  const end = expression.end;
  if (ts.isPropertyAccessExpression(expression)) {
    const member = expression.name.text;
    if (member === "ALLOW" || member === "DENY") {
      return { type: "scalar", start, end, value: member === "ALLOW" ? "Allow" : "Deny" };
    }
  }
  return convertExpression(expression, file);
}

/** `[new iam.ServicePrincipal("logs.amazonaws.com"), new iam.AccountRootPrincipal()]`. */
function principalsOf(expression: ts.Expression, file: ts.SourceFile): TreeNode {
  const start = expression.getStart(file);
  const end = expression.end;
  if (!ts.isArrayLiteralExpression(expression)) {
    return { type: "unknown", start, end };
  }
  const byType = new Map<string, TreeNode[]>();
  const add = (type: string, node: TreeNode) =>
    byType.set(type, [...(byType.get(type) ?? []), node]);

  for (const element of expression.elements) {
    const elementStart = element.getStart(file);
    const unknown: TreeNode = { type: "unknown", start: elementStart, end: element.end };
    if (!ts.isNewExpression(element)) {
      add("AWS", unknown);
      continue;
    }
    const className = ts.isIdentifier(element.expression)
      ? element.expression.text
      : ts.isPropertyAccessExpression(element.expression)
        ? element.expression.name.text
        : "";
    const argument = element.arguments?.[0];
    const argumentNode = argument ? convertExpression(argument, file) : unknown;
    switch (className) {
      case "AccountRootPrincipal":
        add("AWS", { ...unknown, template: "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" });
        break;
      case "AccountPrincipal":
        add(
          "AWS",
          argumentNode.type === "scalar"
            ? {
                ...unknown,
                template: `arn:\${AWS::Partition}:iam::${String(argumentNode.value)}:root`,
              }
            : unknown,
        );
        break;
      case "ServicePrincipal":
        add("Service", argumentNode);
        break;
      case "ArnPrincipal":
        add("AWS", argumentNode);
        break;
      case "AnyPrincipal":
      case "StarPrincipal":
        add("AWS", { type: "scalar", start: elementStart, end: element.end, value: "*" });
        break;
      default:
        add("AWS", unknown);
    }
  }

  const entries: TreeEntry[] = [...byType].map(([key, items]) => ({
    key,
    keyStart: start,
    keyEnd: start,
    value: { type: "seq", start, end, items },
  }));
  return { type: "map", start, end, entries };
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) {
    return name.text;
  }
  if (ts.isNoSubstitutionTemplateLiteral(name)) {
    return name.text;
  }
  return undefined;
}

/** Converts a literal expression; anything that is not a literal is unknown. */
function convertExpression(expression: ts.Expression, file: ts.SourceFile, depth = 0): TreeNode {
  const start = expression.getStart(file);
  const end = expression.end;
  if (depth > MAX_LITERAL_DEPTH) {
    return { type: "unknown", start, end };
  }

  if (
    ts.isParenthesizedExpression(expression) ||
    ts.isAsExpression(expression) ||
    ts.isSatisfiesExpression(expression) ||
    ts.isNonNullExpression(expression)
  ) {
    return convertExpression(expression.expression, file, depth + 1);
  }
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return { type: "scalar", start, end, value: expression.text };
  }
  if (ts.isTemplateExpression(expression)) {
    const template =
      expression.head.text +
      expression.templateSpans
        .map((span) => `\${${span.expression.getText(file)}}${span.literal.text}`)
        .join("");
    return { type: "unknown", start, end, template };
  }
  if (
    expression.kind === ts.SyntaxKind.TrueKeyword ||
    expression.kind === ts.SyntaxKind.FalseKeyword
  ) {
    return { type: "scalar", start, end, value: expression.kind === ts.SyntaxKind.TrueKeyword };
  }
  if (ts.isNumericLiteral(expression)) {
    return { type: "scalar", start, end, value: Number(expression.text) };
  }
  if (ts.isArrayLiteralExpression(expression)) {
    const items = expression.elements.map((element) =>
      ts.isSpreadElement(element)
        ? ({ type: "unknown", start: element.getStart(file), end: element.end } as TreeNode)
        : convertExpression(element, file, depth + 1),
    );
    return { type: "seq", start, end, items };
  }
  if (ts.isObjectLiteralExpression(expression)) {
    const entries: TreeEntry[] = [];
    for (const property of expression.properties) {
      const name = ts.isPropertyAssignment(property) ? propertyName(property.name) : undefined;
      if (!ts.isPropertyAssignment(property) || name === undefined) {
        // A spread, a computed key or a shorthand could add any key: the map is not knowable.
        return { type: "unknown", start, end };
      }
      entries.push({
        key: name,
        keyStart: property.name.getStart(file),
        keyEnd: property.name.end,
        value: convertExpression(property.initializer, file, depth + 1),
      });
    }
    return { type: "map", start, end, entries };
  }
  return { type: "unknown", start, end };
}
