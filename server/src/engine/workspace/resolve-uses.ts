import type { ResolvedUse, ResolvedUseContext } from "./resolved";
import { Resolver, type Bindings } from "./resolver";
import type { DirectUse, IndexedFile, WrapperCallCandidate } from "./types";

/** What the KMS calls of one file resolve to, before wrapped uses are set aside. */
export interface FileUses {
  /**
   * Calls in this file that reach a KMS use inside a wrapper, in call order, each with the use
   * it reaches. That use is then reported at these calls, not where it is written.
   */
  wrapperCalls: { wrapped: DirectUse; resolved: ResolvedUse }[];
  /** Every KMS use written in this file, resolved where it is written. */
  direct: { use: DirectUse; resolved: ResolvedUse }[];
}

/**
 * Resolves one file's symbolic uses: contexts and keys followed through imports and helpers,
 * and wrapper calls resolved at the call (the place the user can change), with the KMS call
 * inside the wrapper kept for related information. What one file resolves to depends only on
 * the files the resolver looks up, so the index can keep it until one of those changes.
 */
export function resolveFileUses(file: IndexedFile, resolver: Resolver): FileUses {
  const wrapperCalls: FileUses["wrapperCalls"] = [];
  for (const candidate of file.candidates) {
    for (const { use, wrapperFile, className } of wrapperUsesFor(candidate, file, resolver)) {
      const resolved = resolveWrapperCall(candidate, file, use, wrapperFile, className, resolver);
      wrapperCalls.push({ wrapped: use, resolved });
    }
  }
  const direct = file.uses.map((use) => ({ use, resolved: resolveDirectUse(use, file, resolver) }));
  return { wrapperCalls, direct };
}

/**
 * The workspace's resolved uses from every file's, given in path order: first every wrapper
 * call, then every direct use that no wrapper call reaches (`wrapped`, from `wrappedUses`).
 */
export function assembleUses(
  files: readonly FileUses[],
  wrapped: ReadonlySet<DirectUse>,
): ResolvedUse[] {
  const result: ResolvedUse[] = [];
  for (const file of files) {
    for (const call of file.wrapperCalls) {
      result.push(call.resolved);
    }
  }
  for (const file of files) {
    for (const { use, resolved } of file.direct) {
      if (!wrapped.has(use)) {
        result.push(resolved);
      }
    }
  }
  return result;
}

/** The KMS uses some wrapper call reaches; they are reported at those calls instead. */
export function wrappedUses(files: Iterable<FileUses>): Set<DirectUse> {
  const wrapped = new Set<DirectUse>();
  for (const file of files) {
    for (const call of file.wrapperCalls) {
      wrapped.add(call.wrapped);
    }
  }
  return wrapped;
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
