// Reading numbers as journalists write them, and turning a qualified number
// into an interval.
//
// The interval reading (documented in README "How figures are read"):
//   step      the rounding step of the stated number: the place of its last
//             significant digit ("1,400" → 100, "1.2 million" → 100,000,
//             "34,789" → 1), but never finer than its second significant
//             digit when a qualifier is present ("more than 1,170" → 100).
//   exact     "35", "34,789", "four"       → [v, v]
//   rounded   "1,400", "200,000"           → v ± min(step/2, 10% of v)
//   above     "more than / over 1,400"     → [v, v + step]     = 1,400–1,500
//   atLeast   "at least 34,789"            → [v, v + step]     = 34,789–35,789
//   below     "nearly / almost 1,400"      → [v − step, v]     = 1,300–1,400
//   approx    "about / around 300"         → v ± max(step/2, 10% of v) = 250–350
//   under     "less than / up to 3"        → [null, v]   (no floor)
//   range     "between 10 and 15", "10-15" → [10, 15]
//   vague     "hundreds", "tens of thousands" → the span of the word (200–999)

import {
  CURRENCY_SIGNS,
  CURRENCY_WORDS,
  NUMBER_FRACTIONS,
  NUMBER_SCALES,
  NUMBER_TENS,
  NUMBER_UNITS,
  VAGUE_AMOUNTS,
} from './lexicon.js';
import type { Token } from './text.js';
import type { Reading } from './types.js';

export interface NumberMatch {
  /** Token range of the number, inclusive. */
  from: number;
  to: number;
  value: number;
  /** Place value of the last significant digit as written. */
  step: number;
  vague?: [number, number];
  currency?: string;
  percent?: boolean;
  /** Written in words ("four", "a million"); such numbers need a counted noun to be figures. */
  worded: boolean;
  /** The bare article "a"/"an" standing for one ("nearly a year"). */
  article: boolean;
  /** A scale word was present ("1.2 million"). */
  scaled: boolean;
  /** What the scale words multiplied by (1 without any). */
  multiplier: number;
  /** The noun glued by a hyphen ("21-day" → "day"), with its offsets. */
  compound?: { text: string; start: number; end: number };
}

const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)$/i;
const GLUED_UNITS = new Set(['km', 'kg', 'mm', 'cm', 'ft', 'mi', 'mph', 'kmh', 'kph', 'lb', 'lbs', 'sq']);

/** "1,400" → 1400, "1.2" → 1.2; undefined for "1.2.3" or "12,34". */
export function parseDigits(s: string): { value: number; step: number } | undefined {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s) || /^\d+(?:\.\d+)?$/.test(s)) {
    const plain = s.replace(/,/g, '');
    const value = Number(plain);
    const dot = plain.indexOf('.');
    let step: number;
    if (dot >= 0) step = 10 ** -(plain.length - dot - 1);
    else {
      const zeros = /0*$/.exec(plain)![0].length;
      step = value === 0 ? 1 : 10 ** Math.min(zeros, plain.length - 1);
    }
    return { value, step };
  }
  return undefined;
}

/** A word made of number words: "twenty-five", "three" ("three-hour" gives the compound rest). */
function numberWordParts(lower: string): { value: number; rest: string[] } | undefined {
  const parts = lower.split('-');
  let value = 0;
  let used = 0;
  for (const p of parts) {
    const unit = NUMBER_UNITS.get(p);
    const ten = NUMBER_TENS.get(p);
    if (p === 'a' || p === 'an') break;
    if (ten !== undefined && used === 0) value += ten;
    else if (unit !== undefined && unit < 10 && used === 1 && value >= 20 && value % 10 === 0) value += unit;
    else if (unit !== undefined && used === 0) value += unit;
    else break;
    used++;
  }
  if (!used) return undefined;
  return { value, rest: parts.slice(used) };
}

/**
 * The number starting at token `i`, if any: digits with separators, a currency
 * sign, a scale word and a percent sign; number words; vague amounts.
 */
export function readNumber(tokens: Token[], i: number, limit: number): NumberMatch | undefined {
  let k = i;
  let currency: string | undefined;
  const t0 = tokens[k];
  if (!t0) return undefined;
  // Currency sign, possibly "US$".
  if (t0.kind === 'word' && (t0.text === 'US' || t0.text === 'A' || t0.text === 'C') && tokens[k + 1]?.text === '$' && !tokens[k + 1].gap) {
    currency = 'USD';
    k += 2;
  } else if (t0.kind === 'punct' && CURRENCY_SIGNS.has(t0.text) && tokens[k + 1]?.kind === 'num' && !tokens[k + 1].gap) {
    currency = CURRENCY_SIGNS.get(t0.text);
    k += 1;
  }
  const t = tokens[k];
  if (!t || k >= limit) return undefined;

  if (t.kind === 'num') {
    const d = parseDigits(t.text);
    if (!d) return undefined;
    let { value, step } = d;
    let to = k;
    let scaled = false;
    let multiplier = 1;
    let percent = false;
    let compound: NumberMatch['compound'];
    const next = tokens[k + 1];
    if (next && next.kind === 'word' && !next.gap) {
      // Letters glued to the digits: a scale ("5bn"), a unit ("5km"), or an ordinal/identifier ("7th", "3D").
      const scale = NUMBER_SCALES.get(next.lower);
      if (scale !== undefined) {
        value *= scale;
        step *= scale;
        multiplier = scale;
        scaled = true;
        to = k + 1;
      } else if (!GLUED_UNITS.has(next.lower) || ORDINAL_SUFFIX.test(next.text)) return undefined;
    } else if (next && next.kind === 'word' && next.gap && k + 1 < limit) {
      const scale = NUMBER_SCALES.get(next.lower);
      if (scale !== undefined && scale >= 100 && next.lower.length > 2) {
        value *= scale;
        step *= scale;
        multiplier = scale;
        scaled = true;
        to = k + 1;
      }
    }
    const after = tokens[to + 1];
    if (after && after.text === '%' && !after.gap) {
      percent = true;
      to++;
    } else if (after && after.kind === 'word' && (after.lower === 'percent' || after.lower === 'pct')) {
      percent = true;
      to++;
    } else if (after && after.lower === 'per' && tokens[to + 2]?.lower === 'cent') {
      percent = true;
      to += 2;
    } else if (after && after.text === '-' && !after.gap && tokens[to + 2]?.kind === 'word' && !tokens[to + 2].gap && !scaled) {
      const w = tokens[to + 2];
      compound = { text: w.text, start: w.start, end: w.end };
      to += 2;
    }
    if (!currency && !percent) {
      const word = tokens[to + 1];
      if (word && CURRENCY_WORDS.has(word.lower)) currency = CURRENCY_WORDS.get(word.lower);
    }
    return { from: i, to, value, step, currency, percent, worded: false, article: false, scaled, multiplier, compound };
  }

  if (t.kind !== 'word') return undefined;

  // Vague amounts first: "hundreds of thousands" must not read as "hundreds".
  const vague = VAGUE_AMOUNTS.at(tokens, k, limit);
  if (vague) {
    const [lo, hi] = vague.value;
    if (t.lower === 'scores' && tokens[vague.to + 1]?.lower !== 'of') return undefined;
    return { from: i, to: vague.to, value: lo, step: lo, vague: [lo, hi], currency, worded: true, article: false, scaled: false, multiplier: 1 };
  }

  // "half a million", "a quarter of a million".
  let to = k;
  let value: number | undefined;
  let step = 1;
  let article = false;
  let compound: NumberMatch['compound'];
  const fraction = NUMBER_FRACTIONS.get(t.lower);
  if (fraction !== undefined && /^an?$/.test(tokens[k + 1]?.lower ?? '')) {
    const scale = NUMBER_SCALES.get(tokens[k + 2]?.lower ?? '');
    if (scale !== undefined && scale >= 100) {
      return {
        from: i, to: k + 2, value: fraction * scale, step: scale / 10, currency, worded: true, article: false, scaled: true, multiplier: scale,
      };
    }
    return undefined;
  }
  if (t.lower === 'a' || t.lower === 'an') {
    value = 1;
    article = true;
  } else {
    const parts = numberWordParts(t.lower);
    if (!parts) return undefined;
    value = parts.value;
    if (parts.rest.length) {
      // "three-hour": the number word is glued to its noun.
      const offset = t.text.length - parts.rest.join('-').length;
      compound = { text: t.text.slice(offset), start: t.start + offset, end: t.end };
      return { from: i, to: k, value, step: 1, currency, worded: true, article: false, scaled: false, multiplier: 1, compound };
    }
    // "one hundred and fifty", "twenty five".
    const next = tokens[k + 1];
    if (next && value >= 20 && value % 10 === 0 && (NUMBER_UNITS.get(next.lower) ?? 10) < 10 && !/^an?$/.test(next.lower)) {
      value += NUMBER_UNITS.get(next.lower)!;
      to = k + 1;
    }
  }
  // Scale words: "a million", "two hundred thousand", "one hundred and fifty".
  let scaled = false;
  let multiplier = 1;
  for (;;) {
    const w = tokens[to + 1];
    if (!w || to + 1 >= limit) break;
    if (w.lower === 'dozen') {
      value *= 12;
      multiplier *= 12;
      step = 12;
      to++;
      scaled = true;
      continue;
    }
    const scale = NUMBER_SCALES.get(w.lower);
    if (scale === undefined || w.lower.length <= 2) break;
    value *= scale;
    multiplier *= scale;
    step = scale;
    to++;
    scaled = true;
    const and = tokens[to + 1];
    const tail = and?.lower === 'and' ? tokens[to + 2] : undefined;
    const tailValue = tail ? (NUMBER_UNITS.get(tail.lower) ?? NUMBER_TENS.get(tail.lower)) : undefined;
    if (tail && tailValue !== undefined && !/^an?$/.test(tail.lower) && scale === 100) {
      value += tailValue;
      to += 2;
      step = 1;
    }
  }
  if (article && !scaled) {
    // A bare "a" is a number only where a qualifier precedes it; the caller decides.
    return { from: i, to: k, value: 1, step: 1, currency, worded: true, article: true, scaled: false, multiplier: 1 };
  }
  if (!scaled && step === 1 && value >= 10 && value % 10 === 0) step = 10;
  return { from: i, to, value, step, currency, worded: true, article: false, scaled, multiplier, compound };
}

/** The rounding step used by qualifiers: at least the second significant digit. */
export function qualifierStep(value: number, step: number): number {
  if (value <= 0) return step;
  const second = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.max(step, second >= 1 || step < 1 ? second : 1);
}

/** [low, high] for a number as read with its qualifier; null where unbounded. */
export function interval(value: number, step: number, reading: Reading): [number | null, number | null] {
  const q = qualifierStep(value, step);
  switch (reading) {
    case 'exact':
      return [value, value];
    case 'rounded': {
      const half = Math.min(step / 2, value * 0.1);
      return [value - half, value + half];
    }
    case 'above':
    case 'atLeast':
      return [value, value + q];
    case 'below':
      return [Math.max(0, value - q), value];
    case 'approx': {
      const d = Math.max(q / 2, value * 0.1);
      return [Math.max(0, value - d), value + d];
    }
    case 'under':
      return [null, value];
    default:
      return [value, value];
  }
}

/** Whether two intervals can both hold. */
export function compatible(a: [number | null, number | null], b: [number | null, number | null]): boolean {
  const aLo = a[0] ?? -Infinity;
  const aHi = a[1] ?? Infinity;
  const bLo = b[0] ?? -Infinity;
  const bHi = b[1] ?? Infinity;
  return aLo <= bHi && bLo <= aHi;
}

/** "1400" → "1,400" for messages. */
export function formatNumber(n: number | null): string {
  if (n === null) return '∞';
  if (Math.abs(n) >= 1e9 && n % 1e7 === 0) return `${+(n / 1e9).toFixed(2)} billion`;
  if (Math.abs(n) >= 1e6 && n % 1e4 === 0) return `${+(n / 1e6).toFixed(2)} million`;
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
