import fc from "fast-check";

/**
 * Mutations that turn a valid document into the broken, half-typed, oddly encoded text an
 * editor really sends. Each mutation is plain data (where it applies is a fraction of the
 * text's length) so fast-check can shrink a failure to the smallest mutation and print it.
 */
export type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip-byte"; at: number; bit: number }
  | { kind: "delete-token"; at: number }
  | { kind: "duplicate-token"; at: number; times: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "insert-lone-surrogate"; at: number; unit: number }
  | { kind: "splice"; at: number; length: number; from: number }
  | { kind: "bom" }
  | { kind: "line-endings"; eol: "\r\n" | "\r" }
  | { kind: "nul"; at: number };

/** Characters whose imbalance hurts parsers most. */
const BRACKETS = ["{", "}", "[", "]", "(", ")", '"', "'", "`", "${", "/*", "*/", "<", ">", ":"];

/** YAML- and JSON-specific punctuation that changes how the rest of a document parses. */
const STRUCTURE = ["&a ", "*a", "<<: *a", "!Ref ", "!Sub ", "- ", "? ", "|\n", "---\n", "#", "\\"];

/** A place in the text as a fraction of its length, spread evenly (doubles cluster near 0). */
const fraction = fc.integer({ min: 0, max: 9999 }).map((tenThousandths) => tenThousandths / 10000);

/**
 * One mutation, any kind. A NUL byte makes the engine skip the document as binary at once, so
 * it is drawn rarely: most cases should reach the parsers.
 */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fraction }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("flip-byte" as const),
      at: fraction,
      bit: fc.integer({ min: 0, max: 7 }),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant("delete-token" as const), at: fraction }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("duplicate-token" as const),
      at: fraction,
      times: fc.integer({ min: 1, max: 50 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      at: fraction,
      text: fc.oneof(
        fc.constantFrom(...BRACKETS, ...STRUCTURE),
        fc.string({ unit: "binary", maxLength: 8 }),
        fc.string({ unit: "grapheme", maxLength: 4 }),
      ),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("insert-lone-surrogate" as const),
      at: fraction,
      unit: fc.integer({ min: 0xd800, max: 0xdfff }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("splice" as const),
      at: fraction,
      length: fc.integer({ min: 1, max: 200 }),
      from: fraction,
    }),
    weight: 3,
  },
  { arbitrary: fc.constant({ kind: "bom" as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("line-endings" as const),
      eol: fc.constantFrom("\r\n" as const, "\r" as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant("nul" as const), at: fraction }), weight: 1 },
);

/** Splits text into words, single punctuation characters and whitespace runs. */
function tokenize(text: string): string[] {
  return text.match(/[A-Za-z0-9_$]+|\s+|[^A-Za-z0-9_$\s]/g) ?? [];
}

function position(text: string, at: number): number {
  return Math.floor(at * (text.length + 1));
}

/** Applies one mutation to `text`. */
export function applyMutation(text: string, mutation: Mutation): string {
  switch (mutation.kind) {
    case "truncate":
      return text.slice(0, position(text, mutation.at));
    case "flip-byte": {
      // Flipping a bit of the UTF-8 encoding and decoding again gives what a file with a
      // damaged byte looks like once read: replacement characters or a different letter.
      const bytes = Buffer.from(text, "utf8");
      if (bytes.length === 0) {
        return text;
      }
      const index = Math.min(bytes.length - 1, Math.floor(mutation.at * bytes.length));
      bytes[index] ^= 1 << mutation.bit;
      return bytes.toString("utf8");
    }
    case "delete-token":
    case "duplicate-token": {
      const tokens = tokenize(text);
      if (tokens.length === 0) {
        return text;
      }
      const index = Math.min(tokens.length - 1, Math.floor(mutation.at * tokens.length));
      const replacement =
        mutation.kind === "delete-token" ? "" : tokens[index].repeat(mutation.times + 1);
      return [...tokens.slice(0, index), replacement, ...tokens.slice(index + 1)].join("");
    }
    case "insert": {
      const at = position(text, mutation.at);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case "insert-lone-surrogate": {
      const at = position(text, mutation.at);
      return text.slice(0, at) + String.fromCharCode(mutation.unit) + text.slice(at);
    }
    case "splice": {
      // Copies a piece of the document somewhere else, the way a bad paste does.
      const from = position(text, mutation.from);
      const at = position(text, mutation.at);
      return text.slice(0, at) + text.slice(from, from + mutation.length) + text.slice(at);
    }
    case "bom":
      return `\uFEFF${text}`;
    case "line-endings":
      return text.replace(/\r\n|\r|\n/g, mutation.eol);
    case "nul": {
      const at = position(text, mutation.at);
      return `${text.slice(0, at)}\u0000${text.slice(at)}`;
    }
  }
}

/** A short description of a mutation for failure reports. */
export function describeMutation(mutation: Mutation): string {
  return JSON.stringify(mutation);
}
