// Comparing wordings: a quote is the same as a source's when its words appear
// in order in the source, after the documented equivalence: typography
// (curly/straight quotes, apostrophes, a possessive "s'" or "'s", dashes),
// British/American spelling (data/quote-words.json), compounds written as
// one word, two or hyphenated ("launchpads", "launch pads"), ellipses and
// bracketed insertions, case and punctuation. Otherwise the closest stretch
// of the source is found by word-level edit distance, and two wordings say
// the same thing when they differ only in function words.

import { normalizeQuotes, tokenize } from '../analysis/text.js';
import quoteWords from './data/quote-words.json';

const FUNCTION_WORDS = new Set(quoteWords.functionWords);
const SPELLING: Record<string, string> = quoteWords.spelling;
const SUFFIXES = quoteWords.spellingSuffixes;
const ALIASES: Record<string, string> = quoteWords.aliases;

/** One word in its compared form: no apostrophes, no possessive, American spelling. */
export function canonicalWord(word: string): string {
  const w = normalizeQuotes(word)
    .replace(/'s$|'$/, '')
    .replace(/'/g, '');
  const spelled = SPELLING[w];
  if (spelled) return spelled;
  for (const s of SUFFIXES) if (w.length >= s.minLength && w.endsWith(s.from)) return w.slice(0, w.length - s.from.length) + s.to;
  return w;
}

export interface Word {
  w: string;
  start: number;
  end: number;
}

/** An editor's insertion ("[of the Israeli government]", "the (Israeli) enemy") stands for any one word of the speaker's, or none. */
export const WILDCARD = '*';

/**
 * Normalised words of text[start, end) with their offsets in `text`. With
 * `dropBracketed`, each editorial insertion in brackets or parentheses
 * becomes one WILDCARD word. Names of the same country are one word ("the
 * United States", "America", "U.S.").
 */
export function wordsWithOffsets(text: string, start: number, end: number, dropBracketed = false): Word[] {
  const slice = text.slice(start, end);
  const out: Word[] = [];
  let depth = 0;
  for (const t of tokenize(slice)) {
    const at0 = start + t.start;
    if (t.text === '[' || t.text === '(') {
      if (dropBracketed && depth === 0) out.push({ w: WILDCARD, start: at0, end: at0 + 1 });
      depth++;
    } else if (t.text === ']' || t.text === ')') depth = Math.max(0, depth - 1);
    if (t.kind === 'punct' || (dropBracketed && depth > 0)) continue;
    // "all-out" and "all out" are the same words.
    let at = at0;
    for (const part of normalizeQuotes(t.lower).split(/[-‐‑–—]/)) {
      const w = canonicalWord(part);
      if (w) out.push({ w, start: at, end: at + part.length });
      at += part.length + 1;
    }
  }
  return aliased(out);
}

/** Two-word and one-word names of the same thing, as one word. */
function aliased(words: Word[]): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? ALIASES[`${words[i].w} ${words[i + 1].w}`] : undefined;
    if (two) {
      out.push({ w: two, start: words[i].start, end: words[i + 1].end });
      i++;
    } else out.push(ALIASES[words[i].w] ? { ...words[i], w: ALIASES[words[i].w] } : words[i]);
  }
  return out;
}

/** Segments of a quote separated by an ellipsis: each must match on its own. */
export function segments(text: string, start: number, end: number, dropBracketed = false): Word[][] {
  const slice = text.slice(start, end);
  const out: Word[][] = [];
  let at = 0;
  for (const m of slice.matchAll(/\s*(?:\.\s?\.\s?\.|…)\s*/g)) {
    out.push(wordsWithOffsets(text, start + at, start + m.index, dropBracketed));
    at = m.index + m[0].length;
  }
  out.push(wordsWithOffsets(text, start + at, end, dropBracketed));
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
 * Of two alignments with as many edits, the one that keeps most of the
 * quote's words in the source's stretch wins: a source word inserted costs
 * least, a word replaced a hair more, a quote word dropped most ("We keep
 * hitting them" inside "We keep striking and hitting them" starts at "We";
 * "not involved in" against "no involvement in" keeps both words replaced).
 */
const SUBSTITUTION = 1.001;
const DELETION = 1.002;

/**
 * Where the quote `a` fits best inside the source words `b`: an edit distance
 * that is free to start and end anywhere in `b` (semi-global alignment). Two
 * words written as one ("launch pads", "launchpads") cost nothing.
 */
export function align(a: Word[], b: Word[]): Alignment | undefined {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return undefined;
  // rows[i][j]: cost of aligning a[0..i) ending at b[j]; starts[i][j]: where that alignment began in b.
  // Two rows back are kept for a compound of two quote words.
  let prev2: number[] | undefined;
  let prev2Start: number[] | undefined;
  let prev = new Array<number>(m + 1).fill(0);
  let prevStart = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    const curStart = new Array<number>(m + 1);
    cur[0] = i * DELETION;
    curStart[0] = 0;
    for (let j = 1; j <= m; j++) {
      const wild = a[i - 1].w === WILDCARD || b[j - 1].w === WILDCARD;
      let best = prev[j - 1] + (wild || a[i - 1].w === b[j - 1].w ? 0 : SUBSTITUTION);
      let from = prevStart[j - 1];
      const drop = a[i - 1].w === WILDCARD ? 0 : DELETION;
      if (prev[j] + drop < best) {
        best = prev[j] + drop;
        from = prevStart[j];
      }
      const skip = b[j - 1].w === WILDCARD ? 0 : 1;
      if (cur[j - 1] + skip < best) {
        best = cur[j - 1] + skip;
        from = curStart[j - 1];
      }
      if (prev2 && prev2Start && prev2[j - 1] < best && a[i - 2].w + a[i - 1].w === b[j - 1].w) {
        best = prev2[j - 1];
        from = prev2Start[j - 1];
      }
      if (j >= 2 && prev[j - 2] < best && a[i - 1].w === b[j - 2].w + b[j - 1].w) {
        best = prev[j - 2];
        from = prevStart[j - 2];
      }
      cur[j] = best;
      curStart[j] = from;
    }
    prev2 = prev;
    prev2Start = prevStart;
    prev = cur;
    prevStart = curStart;
  }
  let best = 0;
  for (let j = 1; j <= m; j++) if (prev[j] < prev[best] - 1e-9 || (Math.abs(prev[j] - prev[best]) < 1e-9 && best === 0)) best = j;
  const distance = Math.round(prev[best]);
  return { distance, similarity: 1 - distance / n, from: prevStart[best], to: best };
}

/** Where a quote split at ellipses fits in the source: every segment aligned on its own, distances summed. */
export function alignSegments(segs: Word[][], b: Word[]): Alignment | undefined {
  let distance = 0;
  let from = Infinity;
  let to = -Infinity;
  let n = 0;
  for (const seg of segs) {
    const r = align(seg, b);
    if (!r) return undefined;
    distance += r.distance;
    n += seg.length;
    from = Math.min(from, r.from);
    to = Math.max(to, r.to);
  }
  if (!n || to <= from) return undefined;
  return { distance, similarity: 1 - distance / n, from, to };
}

/** The content of a wording: its words without function words, run together (so "launch pads" is "launchpads"). */
export function content(words: Word[]): string {
  return words
    .filter((x) => !FUNCTION_WORDS.has(x.w) && x.w !== WILDCARD)
    .map((x) => x.w)
    .join('');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How many content words differ between a quote and a source stretch (function words and editors' insertions left out). */
export function contentEdits(a: Word[][], b: Word[]): number {
  const keep = (ws: Word[]) => ws.filter((x) => !FUNCTION_WORDS.has(x.w) && x.w !== WILDCARD);
  const mine = a.map(keep).filter((seg) => seg.length);
  const theirs = keep(b);
  if (!mine.length) return 0;
  if (!theirs.length) return mine.reduce((n, seg) => n + seg.length, 0);
  return alignSegments(mine, theirs)?.distance ?? Infinity;
}

/** Whether two wordings say the same: they differ at most in function words, how compounds are written, and what an editor's insertion replaced. */
export function sameContent(a: Word[][], b: Word[]): boolean {
  if (a.length === 1 && b.some((x) => x.w === WILDCARD)) {
    // The insertion stands for at most one word of the quote.
    const parts = b.filter((x) => !FUNCTION_WORDS.has(x.w)).map((x) => (x.w === WILDCARD ? '(?:[^]{0,20}?)' : escapeRe(x.w)));
    return new RegExp(`^${parts.join('')}$`, 'u').test(content(a[0]));
  }
  const theirs = content(b);
  // Each segment of an elided quote must be there, in order.
  let at = 0;
  for (const seg of a) {
    const mine = content(seg);
    if (!mine) continue;
    const k = theirs.indexOf(mine, at);
    if (k < 0) return false;
    at = k + mine.length;
  }
  return a.length > 1 || content(a[0] ?? []) === theirs;
}

/** Whether every segment of the quote appears word for word in the source words. */
export function verbatim(quote: Word[][], source: Word[]): boolean {
  return quote.every((seg) => {
    if (!mayBeInside(seg, source)) return false;
    if (runsIn(seg, source)) return true;
    const r = align(seg, source);
    return r !== undefined && r.distance === 0;
  });
}

const wordSets = new WeakMap<Word[], Set<string>>();

/**
 * Whether each of the quote's words could be matched at no cost: it is a
 * source word, half of a compound the source writes as one word, or two
 * source words written as one; an editor's insertion matches anything. An
 * alignment at distance 0 makes no other move (each costs at least one
 * edit), so a quote word that is none of these rules the alignment out
 * without the quadratic work: most candidate passages share no more than a
 * few of a quote's words. The source's word set is kept with its word list.
 */
function mayBeInside(a: Word[], b: Word[]): boolean {
  return unmatchable(a, b, true) === 0;
}

/**
 * How many of the quote's words `a` the source words `b` cannot match
 * without an edit (see mayBeInside); each costs the alignment one edit at
 * least. With `firstOnly`, stops at the first.
 */
export function unmatchable(a: Word[], b: Word[], firstOnly = false): number {
  let set = wordSets.get(b);
  if (!set) {
    set = new Set(b.map((x) => x.w));
    wordSets.set(b, set);
  }
  if (set.has(WILDCARD)) return 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i].w;
    if (w === WILDCARD || set.has(w)) continue;
    if (i > 0 && set.has(a[i - 1].w + w)) continue;
    if (i + 1 < a.length && set.has(w + a[i + 1].w)) continue;
    if (splitInSource(w, b)) continue;
    k++;
    if (firstOnly) return k;
  }
  return k;
}

/** Whether the source has the quote's words one after the other, each as it is: an alignment at distance 0, found without aligning. */
function runsIn(a: Word[], b: Word[]): boolean {
  if (!a.length) return false;
  for (let j = 0; j + a.length <= b.length; j++) {
    let k = 0;
    while (k < a.length && a[k].w === b[j + k].w) k++;
    if (k === a.length) return true;
  }
  return false;
}

/** Whether two neighbouring source words written together are `w` ("launch pads" for "launchpads"). */
function splitInSource(w: string, b: Word[]): boolean {
  for (let j = 0; j + 1 < b.length; j++) {
    const x = b[j].w;
    const y = b[j + 1].w;
    if (x.length + y.length === w.length && w.startsWith(x) && w.endsWith(y)) return true;
  }
  return false;
}
