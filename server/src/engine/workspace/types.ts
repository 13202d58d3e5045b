import type { EsdkOperation, KmsOperation } from "../code/model";

/**
 * The data the workspace index keeps per file. Everything here is local to one file: names
 * that point into other modules stay symbolic (`import` references) until the index resolves
 * them against the other files it holds, so one file can be re-read without touching the rest.
 *
 * Offsets are string offsets into the file's text.
 */

/** A span of text in one file. */
export interface Span {
  start: number;
  end: number;
}

/** A name imported from another module: `import { x as y } from "./m"` gives `y → ./m#x`. */
export interface ImportBinding {
  /** The module specifier as written (`./context`, `@aws-sdk/client-kms`). */
  specifier: string;
  /** The exported name; `default` for default imports, `*` for namespace imports. */
  imported: string;
}

/** What a value inside a context entry is, as far as one file can tell. */
export type ValueExpr =
  | { kind: "string"; value: string }
  /** A parameter of the enclosing helper or wrapper, by position. */
  | { kind: "param"; index: number; name: string; path?: string }
  /** Anything else: `text` is its source, `path` its dotted name when it is one. */
  | {
      kind: "other";
      text: string;
      path?: string;
      nonString?: boolean;
      /** For a nested object literal: the object read as a context (`contexts.invoice`). */
      object?: ContextExpr;
    };

/** One `key: value` of a context object literal. */
export interface EntryExpr {
  /** Undefined for a computed key. */
  key: string | undefined;
  keySpan: Span;
  value: ValueExpr;
  valueSpan: Span;
}

/** A reference to a named thing: declared in this file or imported from another. */
export type SymbolRef =
  | { kind: "local"; name: string; member?: string }
  | { kind: "import"; specifier: string; imported: string; member?: string };

/**
 * A context expression as written at a call, an export or a helper's return. It stays
 * symbolic where it points elsewhere; the index resolves it.
 */
export type ContextExpr =
  | ({ kind: "object"; entries: EntryExpr[]; spreads: ContextExpr[]; complete: boolean } & Span)
  /** The member is not there (or is `undefined`) in a fully known request. */
  | { kind: "absent" }
  /** A named context (`INVOICE_CONTEXT`, `contexts.invoice`). */
  | ({ kind: "symbol"; ref: SymbolRef } & Span)
  /** A call of a named helper (`contextFor(user)`) with its arguments. */
  | ({ kind: "call"; callee: SymbolRef; args: ArgExpr[] } & Span)
  /** A parameter of the enclosing function or method. */
  | ({ kind: "param"; index: number; name: string } & Span)
  | ({ kind: "unknown"; reason: string } & Partial<Span>);

/** An argument at a helper or wrapper call: a context shape or a plain value. */
export interface ArgExpr extends Span {
  context: ContextExpr;
  value: ValueExpr;
  /** The argument read as a key reference, for wrappers that take the key as a parameter. */
  key: KeyExpr;
}

/** How a call names its KMS key, before cross-module resolution. */
export type KeyExpr =
  | { kind: "literal"; value: string }
  | { kind: "env"; name: string }
  | { kind: "symbol"; ref: SymbolRef }
  /** `this.keyId` inside a class: one key per instance, so the class stands for it. */
  | { kind: "member"; name: string }
  | { kind: "param"; index: number; name: string }
  | { kind: "unknown" };

/** Which side of the encrypt/decrypt pair a context sits on. */
export type ContextRole = "encrypt" | "decrypt";

/** One context sent by a KMS use, with the request member it came from. */
export interface UseContext {
  role: ContextRole;
  /** `EncryptionContext`, `SourceEncryptionContext`, `encryptionContext`... */
  member: string;
  /** The key this context is sent with (ReEncrypt has one per side). */
  key: KeyExpr;
  context: ContextExpr;
}

/** The function or method a call sits in, so wrappers can be recognised. */
export interface Enclosing {
  /** The class name, for methods. */
  className?: string;
  /** The function or method name. */
  name: string;
  params: string[];
  /** Whether the class or function is exported (or is the default export). */
  exported: boolean;
}

/** One KMS operation found by the code extractor, with what the index needs to know. */
export interface DirectUse extends Span {
  operation: KmsOperation | EsdkOperation;
  /** `sdk` for the KMS client (v2/v3), `esdk` for the Encryption SDK. */
  via: "sdk" | "esdk";
  key: KeyExpr;
  contexts: UseContext[];
  enclosing?: Enclosing;
  /** For Encryption SDK encrypts: whether the algorithm suite signs (the default does). */
  esdkSigning?: "yes" | "no" | "unknown";
}

/**
 * A call that may go through a wrapper defined elsewhere: `secrets.encrypt(data, ctx)` on an
 * instance of an imported class, or `encryptFor(tenant, data)` of an imported function.
 */
export interface WrapperCallCandidate extends Span {
  /** The class of the receiver, for method calls. */
  className?: SymbolRef;
  /** The method name, or the function itself for plain calls. */
  callee: SymbolRef | { kind: "method"; name: string };
  args: ArgExpr[];
}

/** A top-level declaration another module can import. */
export type ExportedValue =
  | { kind: "context"; context: ContextExpr; span: Span }
  | { kind: "key"; key: KeyExpr; span: Span }
  | { kind: "helper"; params: string[]; returns: ContextExpr; span: Span }
  | { kind: "class"; span: Span }
  /** `export const secrets = new SecretBox(...)`: an instance of a (maybe wrapper) class. */
  | { kind: "instance"; className: SymbolRef; span: Span }
  /** `export { x } from "./y"` or `export { x as y }` of an import. */
  | { kind: "reexport"; ref: SymbolRef; span: Span };

/** What one TypeScript/JavaScript module declares and imports, for cross-module resolution. */
export interface ModuleFacts {
  imports: Map<string, ImportBinding>;
  /** Declarations by local name (exported or not; helpers in the same file resolve too). */
  declarations: Map<string, ExportedValue>;
  /** Exported name → local name (`export { a as b }` gives `b → a`; `default` for defaults). */
  exports: Map<string, string>;
  /** `export * from "./x"` specifiers. */
  starExports: string[];
}

/** One policy statement's context requirements, read from the policy model. */
export interface IndexedStatement extends Span {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny" | "unknown";
  /** Literal actions (lower-cased), or undefined when an action is not literal. */
  actions: string[] | undefined;
  notAction: boolean;
  /** Literal resources, `["*"]` when absent or unknown (the statement may govern any key). */
  resources: string[];
  /** Only service principals: the calls come from an AWS service, not from this code. */
  servicePrincipalOnly: boolean;
  /** A `kms:ViaService` condition: the calls come through an AWS service. */
  viaService: boolean;
  /** Positive `kms:EncryptionContext:<k>` conditions that every allowed request must meet. */
  requiredPairs: RequiredPair[];
  /** A `ForAllValues` allow-list on `kms:EncryptionContextKeys`, when there is one. */
  keyAllowList?: KeyAllowList;
  conditionsComplete: boolean;
}

/** A `kms:EncryptionContext:<key>` condition with a positive operator and no `IfExists`. */
export interface RequiredPair {
  key: string;
  /** Literal values; undefined when any value is not a literal or uses a policy variable. */
  values: string[] | undefined;
  match: "exact" | "ignore-case" | "like";
  conditionSpan: Span;
}

/** `ForAllValues:<op>` on `kms:EncryptionContextKeys`. */
export interface KeyAllowList {
  /** Literal values; undefined when any is not literal. */
  values: string[] | undefined;
  match: "exact" | "ignore-case" | "like";
  conditionSpan: Span;
  /** Each value's span, for the fix that adds a key. */
  valueSpans: Span[];
}

/** Everything the index holds about one file. */
export interface IndexedFile {
  fileName: string;
  /** The text this entry was built from, for detecting stale views. */
  text: string;
  uses: DirectUse[];
  candidates: WrapperCallCandidate[];
  module?: ModuleFacts;
  statements: IndexedStatement[];
}
