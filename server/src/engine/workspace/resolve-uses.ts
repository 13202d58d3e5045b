import type { ResolvedUse, ResolvedUseContext } from "./resolved";
import { Resolver, type Bindings } from "./resolver";
import type { DirectUse, IndexedFile, WrapperCallCandidate } from "./types";

/**
 * Turns every file's symbolic uses into resolved uses: contexts and keys followed through
 * imports and helpers, and wrapper methods replaced by their call sites (the place the user
 * can change), with the KMS call inside the wrapper kept for related information.
 */
export function resolveAllUses(files: ReadonlyMap<string, IndexedFile>): ResolvedUse[] {
  const resolver = new Resolver(files);
  const wrapped = new Set<DirectUse>();
  const result: ResolvedUse[] = [];

  for (const file of files.values()) {
    for (const candidate of file.candidates) {
      for (const { use, wrapperFile, className } of wrapperUsesFor(candidate, file, resolver)) {
        wrapped.add(use);
        result.push(resolveWrapperCall(candidate, file, use, wrapperFile, className, resolver));
      }
    }
  }
  for (const file of files.values()) {
    for (const use of file.uses) {
      if (!wrapped.has(use)) {
        result.push(resolveDirectUse(use, file, resolver));
      }
    }
  }
  return result;
}

interface WrappedUse {
  use: DirectUse;
  wrapperFile: IndexedFile;
  className: string | undefined;
}

/** The KMS uses inside the method or function a candidate call reaches, if it is a wrapper. */
function wrapperUsesFor(
  candidate: WrapperCallCandidate,
  file: IndexedFile,
  resolver: Resolver,
): WrappedUse[] {
  if (candidate.className) {
    const found = resolver.resolveClass(candidate.className, file);
    const methodName = candidate.callee.kind === "method" ? candidate.callee.name : undefined;
    if (!found || methodName === undefined) {
      return [];
    }
    return found.file.uses
      .filter((use) => use.enclosing?.className === found.name && use.enclosing.name === methodName)
      .map((use) => ({ use, wrapperFile: found.file, className: found.name }));
  }
  if (candidate.callee.kind === "method") {
    return [];
  }
  const found = resolver.resolveSymbol(candidate.callee, file);
  if (!found || found.value?.kind !== "helper") {
    return [];
  }
  return found.file.uses
    .filter((use) => use.enclosing && !use.enclosing.className && use.enclosing.name === found.name)
    .map((use) => ({ use, wrapperFile: found.file, className: undefined }));
}

function resolveDirectUse(use: DirectUse, file: IndexedFile, resolver: Resolver): ResolvedUse {
  const className = use.enclosing?.className;
  const key = resolver.resolveKey(use.key, file, undefined, className);
  const contexts: ResolvedUseContext[] = use.contexts.map((context) => ({
    role: context.role,
    member: context.member,
    keyGroup: resolver.resolveKey(context.key, file, undefined, className).group,
    context: resolver.resolveContext(context.context, file, undefined, "local"),
    expression:
      "start" in context.context && context.context.start !== undefined
        ? { fileName: file.fileName, start: context.context.start, end: context.context.end ?? 0 }
        : undefined,
  }));
  return {
    fileName: file.fileName,
    start: use.start,
    end: use.end,
    operation: use.operation,
    via: use.via,
    keyGroup: key.group,
    keyLabel: key.label,
    contexts,
    esdkSigning: use.esdkSigning,
  };
}

function resolveWrapperCall(
  candidate: WrapperCallCandidate,
  file: IndexedFile,
  use: DirectUse,
  wrapperFile: IndexedFile,
  className: string | undefined,
  resolver: Resolver,
): ResolvedUse {
  const bindings: Bindings = { args: candidate.args, file, outer: undefined, through: "wrapper" };
  const key = resolver.resolveKey(use.key, wrapperFile, bindings, className);
  const contexts: ResolvedUseContext[] = use.contexts.map((context) => {
    const argument =
      context.context.kind === "param" ? candidate.args[context.context.index] : undefined;
    return {
      role: context.role,
      member: context.member,
      keyGroup: resolver.resolveKey(context.key, wrapperFile, bindings, className).group,
      context: resolver.resolveContext(context.context, wrapperFile, bindings, "wrapper"),
      expression: argument
        ? { fileName: file.fileName, start: argument.start, end: argument.end }
        : undefined,
    };
  });
  const name = use.enclosing?.name ?? "wrapper";
  return {
    fileName: file.fileName,
    start: candidate.start,
    end: candidate.end,
    operation: use.operation,
    via: "wrapper",
    keyGroup: key.group,
    keyLabel: key.label,
    contexts,
    wrapper: {
      fileName: wrapperFile.fileName,
      start: use.start,
      end: use.end,
      label: className ? `${className}.${name}` : name,
    },
    esdkSigning: use.esdkSigning,
  };
}
