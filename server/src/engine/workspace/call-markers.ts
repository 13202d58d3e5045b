/**
 * A test for whether a span of the text may hold a call or a `new`: every call has an opening
 * parenthesis and every `new` its keyword, so a span with neither (nor a backslash, which could
 * spell the keyword with an escape) has nothing the use reader records, and its subtree need
 * not be walked. Most of a file is such spans: names, literals, types, plain objects.
 */
export function callMarkers(text: string): (start: number, end: number) => boolean {
  const offsets: number[] = [];
  const pattern = /\(|new|\\/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    offsets.push(match.index);
  }
  return (start, end) => {
    // The first marker at or after `start`, by binary search.
    let low = 0;
    let high = offsets.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (offsets[middle] < start) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low < offsets.length && offsets[low] < end;
  };
}
