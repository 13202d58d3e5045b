/**
 * A small glob matcher for the config file's `ignore` paths.
 *
 * Supported syntax: `*` (any run of characters inside one path segment), `?` (one character
 * inside a segment) and `**` as a whole segment (any number of segments, including none).
 * Everything else matches literally, so a user's pattern can never become a regular expression
 * with catastrophic backtracking: matching is polynomial (segments × segments, characters ×
 * characters) whatever the pattern.
 */

/** True when `path` (forward slashes, no leading `./`) matches `pattern`. */
export function matchGlob(pattern: string, path: string): boolean {
  const patternSegments = splitSegments(pattern);
  const pathSegments = splitSegments(path);
  return matchSegments(patternSegments, pathSegments);
}

/** Normalises a path or pattern to forward slashes without a leading `./` or `/`. */
export function normaliseGlobPath(value: string): string {
  return value
    .replace(/\\/g, "/")
    .replace(/^(\.\/)+/, "")
    .replace(/^\/+/, "");
}

function splitSegments(value: string): string[] {
  return normaliseGlobPath(value)
    .split("/")
    .filter((segment) => segment.length > 0 && segment !== ".");
}

/**
 * Segment-level matching with `**`. `reachable[j]` says whether the pattern consumed so far can
 * end just before path segment `j`; each pattern segment advances that set once, so the cost is
 * bounded by the product of the two segment counts.
 */
function matchSegments(pattern: string[], path: string[]): boolean {
  let reachable = new Array<boolean>(path.length + 1).fill(false);
  reachable[0] = true;

  for (const segment of pattern) {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (segment === "**") {
      let seen = false;
      for (let j = 0; j <= path.length; j++) {
        seen = seen || reachable[j];
        next[j] = seen;
      }
    } else {
      for (let j = 0; j < path.length; j++) {
        if (reachable[j] && matchSegment(segment, path[j])) {
          next[j + 1] = true;
        }
      }
    }
    reachable = next;
  }

  return reachable[path.length];
}

/**
 * Matches one segment with `*` and `?` (also used for IAM action wildcards, which have the same
 * two metacharacters). The classic two-pointer walk: on a mismatch it resumes
 * just after the most recent `*`, which never revisits more than characters × characters.
 */
export function matchSegment(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;

  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      starAt = p;
      resumeAt = t;
      p++;
    } else if (starAt >= 0) {
      p = starAt + 1;
      resumeAt++;
      t = resumeAt;
    } else {
      return false;
    }
  }

  while (p < pattern.length && pattern[p] === "*") {
    p++;
  }
  return p === pattern.length;
}
