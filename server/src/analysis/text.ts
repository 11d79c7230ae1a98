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
}

// Initialisms ("U.S.") stay whole; numbers keep their separators and decimals;
// words keep inner hyphens and apostrophes ("Jean-Pierre", "Hamas-run").
const TOKEN_RE = /(?:\p{Lu}\.){2,}|\d+(?:[.,]\d+)*|[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*|[^\s]/gu;
const POSSESSIVE_RE = /^(.{2,}?)(['’]s)$/u;
const UPPER_RE = /^\p{Lu}/u;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    const raw = m[0];
    const gap = tokens.length === 0 || start > last;
    last = start + raw.length;
    const c = raw.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      tokens.push(make(raw, start, 'num', gap));
      continue;
    }
    if (raw.length === 1 && !/[\p{L}\p{M}]/u.test(raw)) {
      tokens.push(make(raw, start, 'punct', gap));
      continue;
    }
    const poss = POSSESSIVE_RE.exec(raw);
    if (poss && !/^(?:it|that|what|there|here|he|she|who|let|where|how)$/i.test(poss[1])) {
      tokens.push(make(poss[1], start, 'word', gap));
      tokens.push(make(poss[2], start + poss[1].length, 'poss', false));
      continue;
    }
    tokens.push(make(raw, start, 'word', gap));
  }
  return tokens;
}

function make(text: string, start: number, kind: TokenKind, gap: boolean): Token {
  return { text, lower: text.toLowerCase(), start, end: start + text.length, kind, cap: UPPER_RE.test(text), gap };
}

/** Index of the first token that starts at or after `offset`. */
export function tokenAt(tokens: Token[], offset: number): number {
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

/** Lower-case words without punctuation, for comparing wordings. */
export function words(s: string): string[] {
  return (normalizeQuotes(s).toLowerCase().match(/[\p{L}\p{M}\d]+(?:['.,][\p{L}\p{M}\d]+)*/gu) ?? []).map((w) =>
    w.replace(/'s$/, ''),
  );
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

/** A light singular form for matching counted nouns ("troops" → "troop"). */
export function singular(word: string): string {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && /(?:ss|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  return w;
}
