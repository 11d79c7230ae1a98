// Figures, officials and quotes grouped by sentence once, so rules that look
// at one sentence's items never filter the whole list per sentence (which
// costs the square of the text's length on a text of many figures).

const cache = new WeakMap<readonly object[], Map<number, unknown[]>>();
const NONE: never[] = [];

/** The items of one sentence, in their order; the grouping is computed once per list. */
export function ofSentence<T extends { sentence: number }>(items: readonly T[], sentence: number): readonly T[] {
  let groups = cache.get(items) as Map<number, T[]> | undefined;
  if (!groups) {
    groups = new Map();
    for (const item of items) {
      const list = groups.get(item.sentence);
      if (list) list.push(item);
      else groups.set(item.sentence, [item]);
    }
    cache.set(items, groups);
  }
  return groups.get(sentence) ?? NONE;
}

const spans = new WeakMap<readonly object[], { sorted: boolean; longest: number }>();

/** The items that overlap [start, end): by binary search when the list is sorted by start (as analyses list them). */
export function overlapping<T extends { start: number; end: number }>(items: readonly T[], start: number, end: number): T[] {
  let shape = spans.get(items);
  if (!shape) {
    let sorted = true;
    let longest = 0;
    for (let i = 0; i < items.length; i++) {
      if (i && items[i].start < items[i - 1].start) sorted = false;
      longest = Math.max(longest, items[i].end - items[i].start);
    }
    shape = { sorted, longest };
    spans.set(items, shape);
  }
  if (!shape.sorted) return items.filter((x) => x.start < end && x.end > start);
  // An item that reaches into [start, end) starts at most `longest` before it.
  const from = start - shape.longest;
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < items.length && items[i].start < end; i++) if (items[i].end > start) out.push(items[i]);
  return out;
}
