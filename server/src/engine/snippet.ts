/**
 * Snippet text (`${1:placeholder}`, `$0`, `\$`) as fixes use it, and its plain-text form for
 * consumers that cannot place a cursor: the CLI, and editors without snippet edit support.
 */

const BARE_TAB_STOP = /^\$\d+/;
const BRACED_START = /^\$\{\d+([:|]?)/;

/**
 * Replaces every placeholder by its default text (nested placeholders included), drops bare
 * tab stops, keeps the first option of a choice, and unescapes `\$`, `\}` and `\\`.
 */
export function snippetToPlainText(snippet: string): string {
  let output = "";
  let openPlaceholders = 0;
  let index = 0;

  while (index < snippet.length) {
    const char = snippet[index];

    if (char === "\\" && "$}\\".includes(snippet[index + 1] ?? "")) {
      output += snippet[index + 1];
      index += 2;
      continue;
    }

    if (char === "$") {
      const head = snippet.slice(index, index + 16);
      const bare = BARE_TAB_STOP.exec(head);
      if (bare) {
        index += bare[0].length;
        continue;
      }
      const braced = BRACED_START.exec(head);
      if (braced) {
        index += braced[0].length;
        if (braced[1] === ":") {
          openPlaceholders++;
        } else if (braced[1] === "|") {
          const close = snippet.indexOf("|}", index);
          const end = close < 0 ? snippet.length : close;
          output += snippet.slice(index, end).split(",")[0];
          index = close < 0 ? snippet.length : close + 2;
        } else if (snippet[index] === "}") {
          index++;
        }
        continue;
      }
    }

    if (char === "}" && openPlaceholders > 0) {
      openPlaceholders--;
      index++;
      continue;
    }

    output += char;
    index++;
  }

  return output;
}
