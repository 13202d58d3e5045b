import { markerTest } from "../text-markers";

/**
 * A test for whether a span of the text may hold a call or a `new`: every call has an opening
 * parenthesis and every `new` its keyword, so a span with neither (nor a backslash, which could
 * spell the keyword with an escape) has nothing the use reader records, and its subtree need
 * not be walked. Most of a file is such spans: names, literals, types, plain objects.
 */
export function callMarkers(text: string): (start: number, end: number) => boolean {
  return markerTest(text, /\(|new|\\/g);
}
