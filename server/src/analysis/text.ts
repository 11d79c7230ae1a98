// Word-level tokens with offsets. parse-english splits "1,400" into three
// words and "Jean-Pierre" into three, so detectors read these tokens instead;
// parse-english is used for what it does well: sentence boundaries.

export type TokenKind = 'word' | 'num' | 'punct' | 'poss';

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  kind: TokenKind;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** Whitespace (or the start of text) separates it from the previous token. */
  gap: boolean;
  /** The number of `lower` in the word lists' vocabulary, 0 for a word no list holds, -1 until a list first asks (read it with `wordNumber`). */
  id: number;
}

// The detectors ask a dozen word lists about every token; hashing the same
// word for each list cost more than anything they then did with the answer.
// So every word a list holds gets a number when the list is built (at module
// load), a token looks its word up the first time a list asks about it, and
// a list answers by an array index (0, a word no list holds, answers no at
// once). Text tokenized before
// a list is built would carry numbers that list does not know, so once
// tokenizing has begun no word gets a new number: a list built later gets
// none and asks by the words themselves.
const vocabulary = new Map<string, number>();
let sealed = false;

/** The vocabulary number of the token's word (see `Token.id`). */
export function wordNumber(t: Token): number {
  const id = t.id;
  if (id >= 0) return id;
  return (t.id = vocabulary.get(t.lower) ?? 0);
}

/**
 * The vocabulary number of a lower-case word, numbering it if it is new;
 * undefined for a new word once text has been tokenized.
 */
export function vocabularyNumber(lower: string): number | undefined {
  let n = vocabulary.get(lower);
  if (n === undefined) {
    if (sealed) return undefined;
    vocabulary.set(lower, (n = vocabulary.size + 1));
  }
  return n;
}

// Initialisms ("U.S.") stay whole; numbers keep their separators and decimals;
// words keep inner hyphens and apostrophes ("Jean-Pierre", "Hamas-run").
// This regular expression defines the tokens; `tokenize` is a hand-written
// scanner that produces exactly the same tokens several times faster (a
// property test holds the two together).
export const TOKEN_RE = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[^\s]/gu;
const POSSESSIVE_RE = /^(.{2,}?)(['’]s)$/u;
const UPPER_RE = /^\p{Lu}/u;
const NOT_POSSESSIVE = new Set(['it', 'that', 'what', 'there', 'here', 'he', 'she', 'who', 'let', 'where', 'how']);

// Character classes for the scanner, computed once per code unit on first use.
const LETTER = 1;
const UPPER = 2;
const SPACE = 4;
const classes = new Uint8Array(65536);
const known = new Uint8Array(65536);

function classOf(c: number): number {
  if (known[c]) return classes[c];
  const ch = String.fromCharCode(c);
  let k = 0;
  if (/[\p{L}\p{M}]/u.test(ch)) k |= LETTER;
  if (/\p{Lu}/u.test(ch)) k |= UPPER;
  if (/\s/.test(ch)) k |= SPACE;
  classes[c] = k;
  known[c] = 1;
  return k;
}

function isLetterAt(text: string, i: number): number {
  // A surrogate pair is one character: letters outside the basic plane are classified whole.
  const c = text.charCodeAt(i);
  if (isPair(text, i)) {
    const cp = text.codePointAt(i)!;
    return /[\p{L}\p{M}]/u.test(String.fromCodePoint(cp)) ? 2 : 0;
  }
  return classOf(c) & LETTER ? 1 : 0;
}

export function tokenize(text: string): Token[] {
  sealed = true;
  const tokens: Token[] = [];
  const n = text.length;
  let last = 0;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c < 128 ? c <= 13 && c >= 9 : classOf(c) & SPACE)) {
      i++;
      continue;
    }
    const start = i;
    const gap = tokens.length === 0 || start > last;
    // Initialism: two or more upper-case letters each followed by a full stop.
    if (text.charCodeAt(i + 1) === 46 || text.charCodeAt(i + 2) === 46 ? upperAt(text, i) && text.charCodeAt(i + upperAt(text, i)) === 46 : false) {
      let j = i;
      let count = 0;
      for (let w = upperAt(text, j); w && j + w < n && text.charCodeAt(j + w) === 46; w = upperAt(text, j)) {
        j += w + 1;
        count++;
      }
      if (count >= 2) {
        tokens.push(make(text.slice(start, j), start, 'word', gap));
        last = i = j;
        continue;
      }
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      while (j + 1 < n && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 44) && isDigit(text.charCodeAt(j + 1))) {
        j += 2;
        while (j < n && isDigit(text.charCodeAt(j))) j++;
      }
      tokens.push(make(text.slice(start, j), start, 'num', gap));
      last = i = j;
      continue;
    }
    const width = isLetterAt(text, i);
    if (width) {
      let j = i + width;
      for (;;) {
        // Plain ASCII letters first, the common case; anything else through the classifier.
        let d = text.charCodeAt(j);
        while ((d >= 97 && d <= 122) || (d >= 65 && d <= 90)) d = text.charCodeAt(++j);
        let w = j < n ? isLetterAt(text, j) : 0;
        while (w) {
          j += w;
          w = j < n ? isLetterAt(text, j) : 0;
        }
        const joiner = text.charCodeAt(j);
        if ((joiner === 45 || joiner === 39 || joiner === 0x2019) && j + 1 < n && isLetterAt(text, j + 1)) {
          j++;
          continue;
        }
        break;
      }
      pushWord(tokens, text.slice(start, j), start, gap);
      last = i = j;
      continue;
    }
    // Any other character is a token of its own (a surrogate pair counts as one).
    const end = isPair(text, i) ? i + 2 : i + 1;
    tokens.push(make(text.slice(start, end), start, 'punct', gap));
    last = i = end;
  }
  return tokens;
}

/** The width in code units of an upper-case letter at `i`, or 0. */
function upperAt(text: string, i: number): number {
  if (isPair(text, i)) return /\p{Lu}/u.test(String.fromCodePoint(text.codePointAt(i)!)) ? 2 : 0;
  return i < text.length && classOf(text.charCodeAt(i)) & UPPER ? 1 : 0;
}

/** A high surrogate followed by a low one: one character in two code units. */
function isPair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A word, split from its possessive ("Israel's" → "Israel" + "'s"). */
function pushWord(tokens: Token[], raw: string, start: number, gap: boolean): void {
  // Only a word ending in "'s" can be one: most words skip the regular expression.
  const apostrophe = raw.charCodeAt(raw.length - 2);
  const poss = raw.charCodeAt(raw.length - 1) === 115 && (apostrophe === 39 || apostrophe === 0x2019) && POSSESSIVE_RE.exec(raw);
  if (poss && !NOT_POSSESSIVE.has(poss[1].toLowerCase())) {
    tokens.push(make(poss[1], start, 'word', gap));
    tokens.push(make(poss[2], start + poss[1].length, 'poss', false));
    return;
  }
  tokens.push(make(raw, start, 'word', gap));
}

/** The text has no letter that upper-casing would change (`s === s.toUpperCase()`), without building the upper-case copy for plain ASCII. */
export function isUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 128) return s === s.toUpperCase();
  }
  return true;
}

function make(text: string, start: number, kind: TokenKind, gap: boolean): Token {
  const c = text.charCodeAt(0);
  const cap = c < 128 ? c >= 65 && c <= 90 : UPPER_RE.test(text);
  const lower = lowerCase(text);
  return { text, lower, start, end: start + text.length, kind, cap, gap, id: -1 };
}

/** `s.toLowerCase()`, without the call (which cost more than the rest of a token) for plain lower-case ASCII, most words. */
function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c >= 128) return s.toLowerCase();
  }
  return s;
}

/** The same tokens by the defining regular expression: the reference the scanner is tested against. */
export function tokenizeByRegex(text: string): Token[] {
  sealed = true;
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    const raw = m[0];
    const gap = tokens.length === 0 || start > last;
    last = start + raw.length;
    const c = raw.charCodeAt(0);
    if (c >= 48 && c <= 57) tokens.push(make(raw, start, 'num', gap));
    else if (!/^[\p{L}\p{M}]/u.test(raw) || /^(?:\p{Lu}\.){2,}$/u.test(raw)) tokens.push(make(raw, start, /^(?:\p{Lu}\.){2,}$/u.test(raw) ? 'word' : 'punct', gap));
    else pushWord(tokens, raw, start, gap);
  }
  return tokens;
}

/** Index of the first token (or any span in text order) that starts at or after `offset`. */
export function tokenAt(tokens: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Curly quotes and apostrophes become straight ones, so comparisons ignore typography. */
export function normalizeQuotes(s: string): string {
  return s.replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″«»]/g, '"');
}

const IRREGULAR: Record<string, string> = {
  people: 'people',
  children: 'child',
  women: 'woman',
  men: 'man',
  lives: 'life',
  casualties: 'casualty',
  fatalities: 'fatality',
  injuries: 'injury',
  families: 'family',
  facilities: 'facility',
  centuries: 'century',
  babies: 'baby',
  lorries: 'lorry',
  feet: 'foot',
  inches: 'inch',
  bodies: 'body',
  police: 'police',
  personnel: 'personnel',
  staff: 'staff',
  series: 'series',
  news: 'news',
};

// Counted-noun rules ask for the singular of the same few words again and
// again (every word after every number); the answer is remembered. The
// memory is emptied when it grows large, so no text can make it grow for ever.
const singulars = new Map<string, string>();
const MAX_SINGULARS = 20000;

/** A light singular form for matching counted nouns ("troops" → "troop"). */
export function singular(word: string): string {
  let s = singulars.get(word);
  if (s === undefined) {
    if (singulars.size >= MAX_SINGULARS) singulars.clear();
    singulars.set(word, (s = singularOf(word)));
  }
  return s;
}

function singularOf(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(?:ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}
