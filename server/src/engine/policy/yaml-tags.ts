import type { CollectionTag, ScalarTag } from "yaml";

/**
 * The CloudFormation short-form intrinsics. Each may be written on a scalar, a sequence or a
 * mapping, so each gets all three forms; the extractor reads any tagged node as an unknown
 * value ("some string") and keeps the tag to recognise `!Sub` and `!Join` templates.
 */
const INTRINSICS = [
  "Ref",
  "Sub",
  "GetAtt",
  "If",
  "Join",
  "Select",
  "Split",
  "FindInMap",
  "ImportValue",
  "Base64",
  "Cidr",
  "GetAZs",
  "Condition",
  "Equals",
  "Not",
  "And",
  "Or",
  "Transform",
  "Length",
  "ToJsonString",
];

export const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = INTRINSICS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value } satisfies ScalarTag,
  { tag: `!${name}`, collection: "seq" } satisfies CollectionTag,
  { tag: `!${name}`, collection: "map" } satisfies CollectionTag,
]);
