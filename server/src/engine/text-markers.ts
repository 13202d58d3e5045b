/**
 * A test for whether a span of `text` holds a match of `pattern` (a global regular
 * expression). The matches are found once and the test is a binary search over their offsets,
 * so a tree walk can ask it at every node and skip each subtree whose text cannot hold what the
 * walk looks for.
 */
export function markerTest(text: string, pattern: RegExp): (start: number, end: number) => boolean {
  const offsets: number[] = [];
  for (const match of text.matchAll(pattern)) {
    offsets.push(match.index);
  }
  return (start, end) => {
    // The first marker at or after `start`.
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
