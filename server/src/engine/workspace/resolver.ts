import * as path from "node:path";
import { literalKeyGroup } from "./key-groups";
import {
  deeper,
  type Location,
  type ResolvedContext,
  type ResolvedEntry,
  type ResolvedValue,
  type Through,
} from "./resolved";
import type {
  ArgExpr,
  ContextExpr,
  ExportedValue,
  IndexedFile,
  KeyExpr,
  SymbolRef,
  ValueExpr,
} from "./types";

/** How deep resolution may go through helpers, re-exports and aliases before giving up. */
const MAX_DEPTH = 12;

const MODULE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** The arguments a helper or wrapper was called with, to substitute for its parameters. */
export interface Bindings {
  args: ArgExpr[];
  /** The file the call is in, where the arguments are read. */
  file: IndexedFile;
  outer: Bindings | undefined;
  /** How the call site itself was reached. */
  through: Through;
}

/** A declaration found for a reference, with the file and local name it lives under. */
export interface FoundDeclaration {
  file: IndexedFile;
  name: string;
  value: ExportedValue | undefined;
}

/**
 * What a resolver reports and reuses beyond the files themselves: the base path of each module
 * it looks up (see `moduleCandidates`), so a caller can tell which paths a resolution depends
 * on, and the directory of each importing file, which depends on nothing but its name.
 */
export interface ResolverOptions {
  onLookup?: (base: string) => void;
  directories?: Map<string, string>;
}

/** Resolves symbolic expressions against the files of the index. */
export class Resolver {
  private readonly directories: Map<string, string>;

  constructor(
    private readonly files: ReadonlyMap<string, IndexedFile>,
    private readonly options: ResolverOptions = {},
  ) {
    this.directories = options.directories ?? new Map();
  }

  /** The indexed file a relative module specifier names, trying TypeScript's extensions. */
  resolveModule(specifier: string, fromFile: string): IndexedFile | undefined {
    if (!/^[./]/.test(specifier)) {
      return undefined;
    }
    let directory = this.directories.get(fromFile);
    if (directory === undefined) {
      directory = path.dirname(path.resolve(fromFile));
      this.directories.set(fromFile, directory);
    }
    const base = path.resolve(directory, specifier);
    this.options.onLookup?.(base);
    for (const candidate of moduleCandidates(base)) {
      const file = this.files.get(candidate);
      if (file) {
        return file;
      }
    }
    return undefined;
  }

  /** Follows a reference (through imports, re-exports and `export *`) to its declaration. */
  resolveSymbol(ref: SymbolRef, file: IndexedFile, depth = 0): FoundDeclaration | undefined {
    if (depth > MAX_DEPTH) {
      return undefined;
    }
    if (ref.kind === "local") {
      const value = file.module?.declarations.get(ref.name);
      const found: FoundDeclaration | undefined =
        value?.kind === "reexport"
          ? this.resolveSymbol(value.ref, file, depth + 1)
          : { file, name: ref.name, value };
      return found && ref.member !== undefined
        ? this.memberOf(found, ref.member, depth + 1)
        : found;
    }
    const target = this.resolveModule(ref.specifier, file.fileName);
    if (!target) {
      return undefined;
    }
    const found = this.lookupExport(target, ref.imported, depth + 1);
    if (found && ref.member !== undefined) {
      return this.memberOf(found, ref.member, depth + 1);
    }
    return found;
  }

  private lookupExport(
    file: IndexedFile,
    exported: string,
    depth: number,
  ): FoundDeclaration | undefined {
    if (depth > MAX_DEPTH || !file.module) {
      return undefined;
    }
    const local = file.module.exports.get(exported);
    if (local !== undefined) {
      return this.resolveSymbol({ kind: "local", name: local }, file, depth + 1);
    }
    for (const specifier of file.module.starExports) {
      const target = this.resolveModule(specifier, file.fileName);
      const found = target && this.lookupExport(target, exported, depth + 1);
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  /** `contexts.invoice`: a member of an exported object, or an export of a re-exported module. */
  private memberOf(
    found: FoundDeclaration,
    member: string,
    depth: number,
  ): FoundDeclaration | undefined {
    const value = found.value;
    if (value?.kind !== "context" || value.context.kind !== "object") {
      return undefined;
    }
    const entry = value.context.entries.find((candidate) => candidate.key === member);
    if (entry?.value.kind === "other" && entry.value.object) {
      return {
        file: found.file,
        name: `${found.name}.${member}`,
        value: { kind: "context", context: entry.value.object, span: entry.valueSpan },
      };
    }
    if (entry?.value.kind === "other" && entry.value.path && depth < MAX_DEPTH) {
      // `{ invoice: INVOICE_CONTEXT }`: the member names another declaration.
      const name = entry.value.path;
      return this.resolveSymbol({ kind: "local", name }, found.file, depth + 1);
    }
    return undefined;
  }

  /** The class an instance or class reference stands for: `{ file, name }` of the class. */
  resolveClass(ref: SymbolRef, file: IndexedFile, depth = 0): FoundDeclaration | undefined {
    const found = this.resolveSymbol(ref, file, depth);
    if (!found || depth > MAX_DEPTH) {
      return undefined;
    }
    if (found.value?.kind === "instance") {
      return this.resolveClass(found.value.className, found.file, depth + 1);
    }
    return found.value?.kind === "class" ? found : undefined;
  }

  /** What a context expression resolves to, substituting `bindings` for parameters. */
  resolveContext(
    expr: ContextExpr,
    file: IndexedFile,
    bindings: Bindings | undefined,
    through: Through,
    depth = 0,
  ): ResolvedContext {
    if (depth > MAX_DEPTH) {
      return { kind: "unknown", reason: "too many indirections" };
    }
    switch (expr.kind) {
      case "absent":
        return { kind: "absent", through };
      case "unknown":
        return { kind: "unknown", reason: expr.reason };
      case "param": {
        if (!bindings) {
          return { kind: "unknown", reason: `it comes from the parameter \`${expr.name}\`` };
        }
        const arg = bindings.args[expr.index];
        if (!arg) {
          return { kind: "absent", through: bindings.through };
        }
        return this.resolveContext(
          arg.context,
          bindings.file,
          bindings.outer,
          bindings.through,
          depth + 1,
        );
      }
      case "symbol":
        return this.resolveSymbolContext(expr, file, through, depth);
      case "call":
        return this.resolveCallContext(expr, file, bindings, through, depth);
      case "object":
        return this.resolveObject(expr, file, bindings, through, depth);
    }
  }

  private resolveSymbolContext(
    expr: Extract<ContextExpr, { kind: "symbol" }>,
    file: IndexedFile,
    through: Through,
    depth: number,
  ): ResolvedContext {
    const found = this.resolveSymbol(expr.ref, file, depth + 1);
    if (found?.value?.kind !== "context") {
      return { kind: "unknown", reason: `\`${refName(expr.ref)}\` is not a known context` };
    }
    const inner = this.resolveContext(
      found.value.context,
      found.file,
      undefined,
      expr.ref.kind === "import" ? deeper(through, "import") : through,
      depth + 1,
    );
    return withOrigin(inner, { fileName: found.file.fileName, ...found.value.span });
  }

  private resolveCallContext(
    expr: Extract<ContextExpr, { kind: "call" }>,
    file: IndexedFile,
    bindings: Bindings | undefined,
    through: Through,
    depth: number,
  ): ResolvedContext {
    const found = this.resolveSymbol(expr.callee, file, depth + 1);
    if (found?.value?.kind !== "helper" || found.value.returns.kind === "unknown") {
      return { kind: "unknown", reason: `\`${refName(expr.callee)}(...)\` is not a known helper` };
    }
    const inner = this.resolveContext(
      found.value.returns,
      found.file,
      { args: expr.args, file, outer: bindings, through },
      deeper(through, "helper"),
      depth + 1,
    );
    return withOrigin(inner, { fileName: found.file.fileName, ...found.value.span });
  }

  private resolveObject(
    expr: Extract<ContextExpr, { kind: "object" }>,
    file: IndexedFile,
    bindings: Bindings | undefined,
    through: Through,
    depth: number,
  ): ResolvedContext {
    const entries: ResolvedEntry[] = [];
    const origins: Location[] = [];
    let complete = expr.complete;

    for (const spread of expr.spreads) {
      const inner = this.resolveContext(spread, file, bindings, through, depth + 1);
      if (inner.kind === "known") {
        entries.push(...inner.entries);
        origins.push(...inner.origins);
        complete &&= inner.complete;
      } else if (inner.kind === "unknown") {
        complete = false;
      }
    }
    for (const entry of expr.entries) {
      entries.push({
        key: entry.key,
        value: this.resolveValue(entry.value, bindings, depth + 1),
        keyLocation: { fileName: file.fileName, ...entry.keySpan },
        valueLocation: { fileName: file.fileName, ...entry.valueSpan },
        through,
      });
    }

    // A later key overrides an earlier one, as in the object the code builds.
    const byKey = new Map<string, ResolvedEntry>();
    const unnamed: ResolvedEntry[] = [];
    for (const entry of entries) {
      if (entry.key === undefined) {
        unnamed.push(entry);
      } else {
        byKey.delete(entry.key);
        byKey.set(entry.key, entry);
      }
    }
    return { kind: "known", entries: [...byKey.values(), ...unnamed], complete, through, origins };
  }

  /** A context value with parameters replaced by the caller's arguments. */
  resolveValue(value: ValueExpr, bindings: Bindings | undefined, depth = 0): ResolvedValue {
    if (value.kind === "string") {
      return value;
    }
    if (value.kind === "other") {
      return { kind: "dynamic", text: value.text, path: value.path, nonString: value.nonString };
    }
    const arg = bindings?.args[value.index];
    if (!arg || !bindings || depth > MAX_DEPTH) {
      return { kind: "dynamic", text: value.path ?? value.name, path: value.path };
    }
    const outer = this.resolveValue(arg.value, bindings.outer, depth + 1);
    if (value.path === undefined || value.path === value.name) {
      return outer;
    }
    // `user.email` in the helper, called with `currentUser`: the caller reads `currentUser.email`.
    const rest = value.path.slice(value.name.length);
    const root = outer.kind === "dynamic" ? (outer.path ?? outer.text) : value.name;
    return { kind: "dynamic", text: root + rest, path: root + rest };
  }

  /** The key group and label of a key expression. */
  resolveKey(
    key: KeyExpr,
    file: IndexedFile,
    bindings: Bindings | undefined,
    className: string | undefined,
    depth = 0,
  ): { group: string | undefined; label: string } {
    if (depth > MAX_DEPTH) {
      return { group: undefined, label: "an unknown key" };
    }
    switch (key.kind) {
      case "literal":
        return { group: literalKeyGroup(key.value), label: key.value };
      case "env":
        return { group: `env:${key.name}`, label: `process.env.${key.name}` };
      case "member":
        return className
          ? {
              group: `class:${file.fileName}#${className}`,
              label: `${className}'s this.${key.name}`,
            }
          : { group: undefined, label: `this.${key.name}` };
      case "param": {
        const arg = bindings?.args[key.index];
        return arg && bindings
          ? this.resolveKey(arg.key, bindings.file, bindings.outer, undefined, depth + 1)
          : { group: undefined, label: key.name };
      }
      case "symbol": {
        const found = this.resolveSymbol(key.ref, file, depth + 1);
        if (found?.value?.kind === "key") {
          return this.resolveKey(found.value.key, found.file, undefined, undefined, depth + 1);
        }
        const owner = found ? found.file.fileName : `${file.fileName}:${refSpecifier(key.ref)}`;
        const name = found ? found.name : refName(key.ref);
        return { group: `symbol:${owner}#${name}`, label: refName(key.ref) };
      }
      case "unknown":
        return { group: undefined, label: "an unknown key" };
    }
  }
}

function refName(ref: SymbolRef): string {
  const base = ref.kind === "local" ? ref.name : ref.imported;
  return ref.member !== undefined ? `${base}.${ref.member}` : base;
}

function refSpecifier(ref: SymbolRef): string {
  return ref.kind === "import" ? ref.specifier : "";
}

function withOrigin(context: ResolvedContext, origin: Location): ResolvedContext {
  return context.kind === "known" ? { ...context, origins: [origin, ...context.origins] } : context;
}

/**
 * The paths a module specifier resolved to `base` (an absolute, normalised path) may name, in
 * the order the compiler tries them: the path itself, then with each extension, then as a
 * folder with an index file.
 */
export function moduleCandidates(base: string): string[] {
  const stem = base.replace(/\.(m|c)?js$/, "");
  const folder = base.endsWith(path.sep) ? base : base + path.sep;
  return [
    base,
    ...MODULE_EXTENSIONS.map((extension) => stem + extension),
    ...MODULE_EXTENSIONS.map((extension) => `${folder}index${extension}`),
  ];
}

/** Every base whose `moduleCandidates` include `fileKey`: the inverse, for invalidation. */
export function lookupBasesOf(fileKey: string): string[] {
  const bases = [fileKey];
  for (const extension of MODULE_EXTENSIONS) {
    if (!fileKey.endsWith(extension)) {
      continue;
    }
    const stem = fileKey.slice(0, -extension.length);
    bases.push(stem, `${stem}.js`, `${stem}.mjs`, `${stem}.cjs`);
    if (path.basename(fileKey) === `index${extension}`) {
      bases.push(path.dirname(fileKey));
    }
  }
  return bases;
}
