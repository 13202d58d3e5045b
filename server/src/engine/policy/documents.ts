import type { PolicyContainer, PolicySource, PolicyStatement } from "./model";
import { looksLikePolicyDocument, readPolicyDocument, type PolicyOrigin } from "./statements";
import { parseJsonTree } from "./json-tree";
import { stringOf, valueOf, type TreeNode } from "./tree";

/**
 * Finds the policy documents inside a parsed JSON or YAML file: a standalone policy, a dump of
 * an AWS managed or inline policy, or the policies of a CloudFormation/SAM template.
 */

const POLICY_ROOT_MEMBERS = new Set(["Version", "Id", "Statement"]);

/** Reads every statement of a parsed JSON or YAML document into `out`. */
export function readDocumentPolicies(
  root: TreeNode,
  format: "json" | "yaml",
  text: string,
  out: PolicyStatement[],
): void {
  if (root.type !== "map") {
    return;
  }

  if (isStandalonePolicy(root)) {
    readPolicyDocument(root, { source: "policy-json", format, editable: true }, out);
    return;
  }

  const resources = valueOf(root, "Resources");
  if (resources?.type === "map" && isTemplate(root, resources)) {
    const source: PolicySource = format === "json" ? "cloudformation-json" : "cloudformation-yaml";
    readTemplate(resources, { source, format, editable: true }, text, out);
    return;
  }

  readManagedPolicyDump(root, format, text, out);
}

/**
 * A standalone policy has only policy members at the top and statements that look like
 * statements; a file that merely has a `Statement` key among others is not a policy.
 */
function isStandalonePolicy(root: TreeNode & { type: "map" }): boolean {
  return (
    root.entries.every((entry) => POLICY_ROOT_MEMBERS.has(entry.key)) &&
    looksLikePolicyDocument(root)
  );
}

function isTemplate(root: TreeNode & { type: "map" }, resources: TreeNode & { type: "map" }) {
  if (valueOf(root, "AWSTemplateFormatVersion") || valueOf(root, "Transform")) {
    return true;
  }
  return resources.entries.some((entry) =>
    stringOf(valueOf(entry.value, "Type"))?.startsWith("AWS::"),
  );
}

/** `aws iam get-policy-version`, `get-role-policy`, `kms get-key-policy` and similar output. */
function readManagedPolicyDump(
  root: TreeNode & { type: "map" },
  format: "json" | "yaml",
  text: string,
  out: PolicyStatement[],
): void {
  const candidates: (TreeNode | undefined)[] = [
    valueOf(valueOf(root, "PolicyVersion"), "Document"),
    valueOf(root, "PolicyDocument"),
    valueOf(root, "Document"),
    valueOf(root, "PolicyName") ? valueOf(root, "Policy") : undefined,
  ];
  const origin: PolicyOrigin = { source: "managed-policy-dump", format, editable: true };
  for (const candidate of candidates) {
    if (candidate) {
      readPolicyValue(candidate, origin, text, out);
    }
  }
}

/** A policy given as a map, or as a JSON string holding one. */
function readPolicyValue(
  node: TreeNode,
  origin: PolicyOrigin,
  text: string,
  out: PolicyStatement[],
): void {
  if (node.type === "map") {
    if (looksLikePolicyDocument(node)) {
      readPolicyDocument(node, origin, out);
    }
    return;
  }
  const embedded = stringOf(node);
  if (embedded === undefined) {
    return;
  }
  const parsed = parseEmbeddedPolicy(
    embedded,
    node.start,
    node.end,
    text,
    origin.format === "json" ? "json" : "yaml",
  );
  if (parsed && looksLikePolicyDocument(parsed)) {
    readPolicyDocument(parsed, { ...origin, editable: false }, out);
  }
}

/**
 * Parses a policy held in a string. Offsets are mapped back into the document: exactly for a
 * JSON string literal, and to the whole string for other encodings (URL-encoded, YAML).
 */
function parseEmbeddedPolicy(
  content: string,
  literalStart: number,
  literalEnd: number,
  text: string,
  format: "json" | "yaml",
): TreeNode | undefined {
  let decoded = content.trim();
  let exact = format === "json" && text.charAt(literalStart) === '"';
  if (decoded.startsWith("%7B") || decoded.startsWith("%7b")) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      return undefined;
    }
    exact = false;
  } else if (decoded !== content) {
    exact = false;
  }
  if (!decoded.startsWith("{")) {
    return undefined;
  }

  const converted = parseJsonTree(decoded);
  if (!converted) {
    return undefined;
  }
  const mapOffset = exact
    ? jsonStringOffsetMap(text, literalStart)
    : (offset: number) => (offset <= 0 ? literalStart : literalEnd);
  return remap(converted, mapOffset);
}

/** Maps offsets in a JSON string literal's decoded value to offsets of the raw document text. */
function jsonStringOffsetMap(text: string, literalStart: number): (offset: number) => number {
  const rawOffsets: number[] = [];
  let raw = literalStart + 1;
  while (raw < text.length && text.charAt(raw) !== '"') {
    rawOffsets.push(raw);
    if (text.charAt(raw) === "\\") {
      raw += text.charAt(raw + 1) === "u" ? 6 : 2;
    } else {
      raw += 1;
    }
  }
  rawOffsets.push(raw);
  return (offset) => rawOffsets[Math.max(0, Math.min(offset, rawOffsets.length - 1))];
}

function remap(node: TreeNode, map: (offset: number) => number): TreeNode {
  switch (node.type) {
    case "map":
      return {
        ...node,
        start: map(node.start),
        end: map(node.end),
        entries: node.entries.map((entry) => ({
          key: entry.key,
          keyStart: map(entry.keyStart),
          keyEnd: map(entry.keyEnd),
          value: remap(entry.value, map),
        })),
      };
    case "seq":
      return {
        ...node,
        start: map(node.start),
        end: map(node.end),
        items: node.items.map((item) => remap(item, map)),
      };
    default:
      return { ...node, start: map(node.start), end: map(node.end) };
  }
}

const KEY_TYPES = new Set(["AWS::KMS::Key", "AWS::KMS::ReplicaKey"]);
const POLICY_DOCUMENT_TYPES = new Set([
  "AWS::IAM::Policy",
  "AWS::IAM::ManagedPolicy",
  "AWS::IAM::RolePolicy",
  "AWS::IAM::UserPolicy",
  "AWS::IAM::GroupPolicy",
]);
const IDENTITY_TYPES = new Set(["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]);
const SAM_FUNCTION_TYPES = new Set(["AWS::Serverless::Function", "AWS::Serverless::StateMachine"]);

/** Reads the policies of every template resource that holds one. */
function readTemplate(
  resources: TreeNode & { type: "map" },
  base: PolicyOrigin,
  text: string,
  out: PolicyStatement[],
): void {
  for (const resource of resources.entries) {
    const type = stringOf(valueOf(resource.value, "Type"));
    const properties = valueOf(resource.value, "Properties");
    if (!type || properties?.type !== "map") {
      continue;
    }
    const container = (policyKind: PolicyContainer["policyKind"]): PolicyOrigin => ({
      ...base,
      container: { logicalId: resource.key, resourceType: type, policyKind },
    });

    if (KEY_TYPES.has(type)) {
      const keyPolicy = valueOf(properties, "KeyPolicy");
      if (keyPolicy) {
        readPolicyValue(keyPolicy, container("key-policy"), text, out);
      }
    } else if (POLICY_DOCUMENT_TYPES.has(type)) {
      const document = valueOf(properties, "PolicyDocument");
      if (document) {
        readPolicyValue(document, container("identity-policy"), text, out);
      }
    } else if (IDENTITY_TYPES.has(type)) {
      // Only inline `Policies`; the role's AssumeRolePolicyDocument is a trust policy.
      const policies = valueOf(properties, "Policies");
      for (const policy of policies?.type === "seq" ? policies.items : []) {
        const document = valueOf(policy, "PolicyDocument");
        if (document) {
          readPolicyValue(document, container("identity-policy"), text, out);
        }
      }
    } else if (SAM_FUNCTION_TYPES.has(type)) {
      readSamPolicies(valueOf(properties, "Policies"), container("identity-policy"), text, out);
    }
  }
}

/** SAM `Policies`: a managed policy name, a policy template, a document, or a list of those. */
function readSamPolicies(
  policies: TreeNode | undefined,
  origin: PolicyOrigin,
  text: string,
  out: PolicyStatement[],
): void {
  if (!policies) {
    return;
  }
  const items = policies.type === "seq" ? policies.items : [policies];
  for (const item of items) {
    if (item.type === "map" && looksLikePolicyDocument(item)) {
      readPolicyValue(item, origin, text, out);
    }
  }
}
