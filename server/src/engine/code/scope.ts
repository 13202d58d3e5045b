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

const MAX_EXAMINED_NAMES = 400;

/** A lexical scope: the file, a function, a block, a loop or a catch clause. */
export class Scope {
  /** Created on the first declaration: most blocks declare nothing. */
  private names: Map<string, Binding> | undefined;

  constructor(
    readonly parent: Scope | undefined,
    readonly isFunctionScope: boolean,
  ) {}

  /** The declarations in order, built on first use after the walk; calls read it many times. */
  private ordered: [string, Binding][] | undefined;

  /** Declares `name` in this scope; a later declaration of the same name wins. */
  declare(name: string, binding: Binding): void {
    (this.names ??= new Map()).set(name, binding);
    this.ordered = undefined;
  }

  /** The nearest binding of `name`, walking outwards. */
  lookup(name: string): Binding | undefined {
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      const binding = scope.names?.get(name);
      if (binding) {
        return binding;
      }
    }
    return undefined;
  }

  /**
   * Names of parameters and variables visible here and declared before `offset`, innermost
   * first; fixes build a context from them.
   */
  valueNamesBefore(offset: number, limit = 40): string[] {
    const names: string[] = [];
    // Bounded so a file with thousands of module-level names and calls stays linear.
    let examined = 0;
    for (let scope: Scope | undefined = this; scope; scope = scope.parent) {
      scope.ordered ??= scope.names ? [...scope.names] : [];
      for (const [name, binding] of scope.ordered) {
        if (names.length >= limit || ++examined > MAX_EXAMINED_NAMES) {
          return names;
        }
        const isValue =
          binding.kind === "parameter" ||
          binding.kind === "variable" ||
          binding.kind === "destructured";
        if (isValue && binding.declStart < offset && !this.declaredBetween(name, scope)) {
          names.push(name);
        }
      }
    }
    return names;
  }

  /** Whether a scope from this one out to `outer` (excluded) declares `name`, hiding outer's. */
  private declaredBetween(name: string, outer: Scope): boolean {
    for (let scope: Scope | undefined = this; scope && scope !== outer; scope = scope.parent) {
      if (scope.names?.has(name)) {
        return true;
      }
    }
    return false;
  }
}

/** A call or `new` that may be a KMS, S3, Encryption SDK or CDK call, resolved after the walk. */
export interface Candidate {
  node: ts.CallExpression | ts.NewExpression;
  scope: Scope;
  fn: FunctionInfo;
  cls: ClassInfo | undefined;
}

/** Everything the single walk over a file collects. */
export interface Collected {
  sourceFile: ts.SourceFile;
  candidates: Candidate[];
  /** Local interfaces and type aliases, for `props.key` typed through them. */
  typeDeclarations: Map<string, ts.InterfaceDeclaration | ts.TypeAliasDeclaration>;
  /** Calls whose whole result is handed back to the caller (`return decrypt(...)`). */
  returnedCalls: Set<ts.Node>;
  /** True when a statement nested too deeply for the stack was left out. */
  partial: boolean;
}
