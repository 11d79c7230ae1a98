// Comparing wordings: a quote is the same as a source's when its words appear
// in order in the source, after curly/straight quotes, apostrophes,
// whitespace, punctuation and case are normalised. Otherwise the closest
// stretch of the source is found by word-level edit distance.

import { normalizeQuotes, tokenize } from '../analysis/text.js';

export interface Word {
  w: string;
  start: number;
  end: number;
}

/** Normalised words of text[start, end) with their offsets in `text`. Brackets are editorial and dropped. */
export function wordsWithOffsets(text: string, start: number, end: number, dropBracketed = false): Word[] {
  const slice = text.slice(start, end);
  const out: Word[] = [];
  let depth = 0;
  for (const t of tokenize(slice)) {
    if (t.text === '[') depth++;
    else if (t.text === ']') depth = Math.max(0, depth - 1);
    if (t.kind === 'punct' || (dropBracketed && depth > 0)) continue;
    // "all-out" and "all out" are the same words.
    let at = start + t.start;
    for (const part of normalizeQuotes(t.lower).replace(/'/g, '').split('-')) {
      if (part) out.push({ w: part, start: at, end: at + part.length });
      at += part.length + 1;
    }
  }
  return out;
}

/** Segments of a quote separated by an ellipsis: each must match on its own. */
export function segments(text: string, start: number, end: number): Word[][] {
  const slice = text.slice(start, end);
  const out: Word[][] = [];
  let at = 0;
  for (const m of slice.matchAll(/\s*(?:\.\s?\.\s?\.|…)\s*/g)) {
    out.push(wordsWithOffsets(text, start + at, start + m.index));
    at = m.index + m[0].length;
  }
  out.push(wordsWithOffsets(text, start + at, end));
  return out.filter((s) => s.length);
}

export interface Alignment {
  /** Word edits needed to turn the quote into the source's stretch. */
  distance: number;
  /** 1 − distance / quote length. */
  similarity: number;
  /** The source's matching stretch, as word indexes [from, to). */
  from: number;
  to: number;
}

/**
 * Where the quote `a` fits best inside the source words `b`: an edit distance
 * that is free to start and end anywhere in `b` (semi-global alignment).
 */
export function align(a: Word[], b: Word[]): Alignment | undefined {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return undefined;
  // prev[j] / cur[j]: cost of aligning a[0..i) ending at b[j]; start[j] tracks where that alignment began in b.
  let prev = new Array<number>(m + 1).fill(0);
  let prevStart = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    const curStart = new Array<number>(m + 1);
    cur[0] = i;
    curStart[0] = 0;
    for (let j = 1; j <= m; j++) {
      const sub = prev[j - 1] + (a[i - 1].w === b[j - 1].w ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      if (sub <= del && sub <= ins) {
        cur[j] = sub;
        curStart[j] = prevStart[j - 1];
      } else if (del <= ins) {
        cur[j] = del;
        curStart[j] = prevStart[j];
      } else {
        cur[j] = ins;
        curStart[j] = curStart[j - 1];
      }
    }
    prev = cur;
    prevStart = curStart;
  }
  let best = 0;
  for (let j = 1; j <= m; j++) if (prev[j] < prev[best] || (prev[j] === prev[best] && best === 0)) best = j;
  const distance = prev[best];
  return { distance, similarity: 1 - distance / n, from: prevStart[best], to: best };
}

/** Whether every segment of the quote appears word for word in the source words. */
export function verbatim(quote: Word[][], source: Word[]): boolean {
  return quote.every((seg) => {
    const r = align(seg, source);
    return r !== undefined && r.distance === 0;
  });
}
