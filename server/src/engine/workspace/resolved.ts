import type { EsdkOperation, KmsOperation } from "../code/model";
import type { ContextRole } from "./types";

/**
 * KMS uses after cross-module resolution: what each call site really sends, with every piece
 * located in the file that wrote it.
 */

/** A span in a named file. */
export interface Location {
  fileName: string;
  start: number;
  end: number;
}

/**
 * How an entry reached the call. `local` means the calling file wrote it where single-file
 * analysis already sees it; the others went through another module, a helper or a wrapper.
 */
export type Through = "local" | "import" | "helper" | "wrapper";

export type ResolvedValue =
  | { kind: "string"; value: string }
  | { kind: "dynamic"; text: string; path?: string; nonString?: boolean };

export interface ResolvedEntry {
  key: string | undefined;
  value: ResolvedValue;
  keyLocation: Location;
  valueLocation: Location;
  through: Through;
}

export type ResolvedContext =
  | { kind: "absent"; through: Through }
  | { kind: "unknown"; reason: string }
  | {
      kind: "known";
      entries: ResolvedEntry[];
      /** False when an unknown spread or computed key leaves the key set open. */
      complete: boolean;
      through: Through;
      /** The helpers, constants and wrappers the resolution passed through, outermost first. */
      origins: Location[];
    };

export interface ResolvedUseContext {
  role: ContextRole;
  member: string;
  keyGroup: string | undefined;
  context: ResolvedContext;
  /** The context expression at the call site (or the wrapper argument), when there is one. */
  expression?: Location;
}

/** One KMS use as the workspace sees it. */
export interface ResolvedUse extends Location {
  operation: KmsOperation | EsdkOperation;
  via: "sdk" | "esdk" | "wrapper";
  /** The key group of the use's main key (see key-groups.ts); undefined when unknown. */
  keyGroup: string | undefined;
  /** How the key is named, for messages and the map. */
  keyLabel: string;
  contexts: ResolvedUseContext[];
  /** For uses through a wrapper: the KMS call inside it and a label such as `SecretBox.encrypt`. */
  wrapper?: Location & { label: string };
  esdkSigning?: "yes" | "no" | "unknown";
}

const THROUGH_ORDER: Through[] = ["local", "import", "helper", "wrapper"];

/** The further-from-the-call of two ways in. */
export function deeper(a: Through, b: Through): Through {
  return THROUGH_ORDER.indexOf(a) >= THROUGH_ORDER.indexOf(b) ? a : b;
}

/** Whether a context is fully known: every key is known and nothing unknown was spread in. */
export function isFullyKnown(context: ResolvedContext): boolean {
  return (
    context.kind === "absent" ||
    (context.kind === "known" &&
      context.complete &&
      context.entries.every((entry) => entry.key !== undefined))
  );
}

/** The keys of a context, when fully known (absent is the empty set). */
export function knownKeys(context: ResolvedContext): string[] | undefined {
  if (!isFullyKnown(context)) {
    return undefined;
  }
  return context.kind === "known" ? context.entries.map((entry) => entry.key ?? "") : [];
}
