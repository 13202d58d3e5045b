import type ts from "typescript";

/**
 * What a name stands for, as far as one file can tell without a type checker. Bindings keep the
 * scope they were declared in, so an initializer is later resolved where it was written.
 */
export type Binding =
  /** An import or `require`: `path` is the member chain inside the module (`[]` = the module). */
  | { kind: "import"; module: string; path: string[]; declStart: number }
  | {
      kind: "variable";
      constant: boolean;
      initializer?: ts.Expression;
      type?: ts.TypeNode;
      /** Later `name = value` assignments, for `let client; client = new KMSClient()`. */
      assignments: ts.Expression[];
      scope: Scope;
      declStart: number;
    }
  /** `const { encrypt } = buildClient(...)`: the property path taken from `source`. */
  | { kind: "destructured"; path: string[]; source: ts.Expression; scope: Scope; declStart: number }
  | { kind: "parameter"; type?: ts.TypeNode; declStart: number }
  | { kind: "declaration"; declStart: number };

/** Facts gathered per function while walking, for the Encryption SDK decrypt check. */
export interface FunctionInfo {
  parent?: FunctionInfo;
  /** Arrow functions and function expressions, typically callbacks of the code around them. */
  isExpression: boolean;
  /** True when this function or a nested one reads `messageHeader.encryptionContext`. */
  readsHeaderContext: boolean;
}

/** A class's members as far as their declarations, parameter properties and `this.x =` show. */
export interface ClassInfo {
  members: Map<string, { type?: ts.TypeNode; initializers: ts.Expression[] }>;
}

/** A lexical scope: the file, a function, a block, a loop or a catch clause. */
export class Scope {
  readonly names = new Map<string, Binding>();

  constructor(
    readonly parent: Scope | undefined,
    readonly isFunctionScope: boolean,
  ) {}

  /** The nearest binding of `name`, walking outwards. */
  lookup(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const binding = scope.names.get(name);
      if (binding) {
        return binding;
      }
    }
    return undefined;
  }

  /**
   * Names of parameters and variables visible here and declared before `offset`, innermost
   * first; fixes build a context from them. A name declared in an inner scope hides the same
   * name further out, whatever kind of binding it is.
   */
  valueNamesBefore(offset: number, limit = 40): string[] {
    const names: string[] = [];
    for (let scope: Scope | undefined = this; scope && names.length < limit; scope = scope.parent) {
      for (const [name, declStart] of scope.valueBindings()) {
        if (names.length >= limit) {
          break;
        }
        if (declStart < offset && !this.hidesBelow(scope, name)) {
          names.push(name);
        }
      }
    }
    return names;
  }

  /**
   * This scope's value bindings (parameters, variables, destructured names) in declaration
   * order. Every KMS call asks for the names in scope, and a module scope holds every top-level
   * function and import as well, so filtering all of them per call made extraction quadratic in
   * file size. The list is built once: scopes are complete when calls are resolved, and a
   * change in size (a late declaration) rebuilds it.
   */
  private valueBindings(): [string, number][] {
    if (!this.valueCache || this.valueCacheSize !== this.names.size) {
      this.valueCache = [];
      for (const [name, binding] of this.names) {
        if (
          binding.kind === "parameter" ||
          binding.kind === "variable" ||
          binding.kind === "destructured"
        ) {
          this.valueCache.push([name, binding.declStart]);
        }
      }
      this.valueCacheSize = this.names.size;
    }
    return this.valueCache;
  }

  private valueCache?: [string, number][];
  private valueCacheSize = 0;

  /** True when a scope from this one out to (not including) `outer` declares `name`. */
  private hidesBelow(outer: Scope, name: string): boolean {
    for (let scope: Scope | undefined = this; scope && scope !== outer; scope = scope.parent) {
      if (scope.names.has(name)) {
        return true;
      }
    }
    return false;
  }
}
