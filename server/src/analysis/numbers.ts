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
//   under     "less than / up to 3", "3 or less" → [null, v]   (no floor)
//   floor     "500 or more", "500 and above"     → [v, null]   (no ceiling)
//   range     "between 10 and 15", "10-15" → [10, 15]
//   vague     "hundreds", "tens of thousands" → the span of the word (200–999)

import {
  CURRENCY_SIGNS,
  CURRENCY_WORDS,
  DOZENS,
  DOLLAR_PREFIXES,
  MONEY_CODES,
  MONEY_COMPOSITES,
  MONEY_MILLION_CODES,
  MONEY_NAMES,
  MONEY_SUBUNITS,
  MULTIPLES,
  NEGATIVE_NOT_AFTER,
  NEGATIVES,
  NUMBER_DENOMINATORS,
  NUMBER_GLUED_SCALES,
  NUMBER_SCALES,
  NUMBER_TENS,
  NUMBER_UNITS,
  SHARE_LINKS,
  SLASH_DENOMINATORS,
  VAGUE_AMOUNTS,
  VULGAR_FRACTIONS,
  YEAR_SPANS,
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
  /** A fraction standing alone ("two-thirds", "3/4", "1 in 5"): a share of a whole, not a count. */
  share?: boolean;
  /** The share is the bare word "half", which is a figure only where something marks it as an amount. */
  bareHalf?: boolean;
  /** A multiple ("twofold"): a number whatever follows it. */
  multiple?: boolean;
  /** A fraction of a span of years, read in years, the span's word included ("a quarter century": 25). */
  years?: boolean;
  /** The token index of the first digit or number word (after a sign or currency prefix). */
  core: number;
}

const ORDINAL_SUFFIX = /^(?:st|nd|rd|th)$/i;
const GLUED_UNITS = new Set(['km', 'kg', 'mm', 'cm', 'ft', 'mi', 'mph', 'kmh', 'kph', 'lb', 'lbs', 'sq']);
const ONE = new Set(['a', 'an', 'one']);
const SHARE_STEP = 0.05;
/** Every word a worded number, fraction, multiple or vague amount can begin with. */
const NUMBER_WORD_STARTS = new Set<string>([
  ...NUMBER_UNITS.keys(),
  ...NUMBER_TENS.keys(),
  ...NUMBER_DENOMINATORS.keys(),
  ...MULTIPLES.keys(),
  ...VAGUE_AMOUNTS.firstWords(),
  'hundred',
]);

/**
 * Removes binary floating-point noise from a computed value: 16.4 × 1,000,000
 * is 16,400,000, not 16,399,999.999999998. Fifteen significant digits is all a
 * double holds exactly, and more than any written number has.
 */
export function exact(n: number): number {
  return Number.isInteger(n) || !Number.isFinite(n) ? n : Number(n.toPrecision(15));
}

/** "1,400" → 1400, "1.2" → 1.2, "12,34,567" (Indian grouping) → 1234567; undefined for "1.2.3" or "12,34". */
export function parseDigits(s: string): { value: number; step: number } | undefined {
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s) || /^\d+(?:\.\d+)?$/.test(s) || /^\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d+)?$/.test(s)) {
    const plain = s.replace(/,/g, '');
    const value = Number(plain);
    const dot = plain.indexOf('.');
    let step: number;
    if (dot >= 0) step = exact(10 ** -(plain.length - dot - 1));
    else {
      const zeros = /0*$/.exec(plain)![0].length;
      step = value === 0 ? 1 : 10 ** Math.min(zeros, plain.length - 1);
    }
    return { value, step };
  }
  return undefined;
}

/** The value of one word made of number words: "twenty-five", "three", "twofold" (not "three-hour"). */
function smallNumber(lower: string): number | undefined {
  const unit = NUMBER_UNITS.get(lower);
  if (unit !== undefined && lower !== 'a' && lower !== 'an') return unit;
  const ten = NUMBER_TENS.get(lower);
  if (ten !== undefined) return ten;
  const dash = lower.indexOf('-');
  if (dash > 0) {
    const t = NUMBER_TENS.get(lower.slice(0, dash));
    const u = NUMBER_UNITS.get(lower.slice(dash + 1));
    if (t !== undefined && u !== undefined && u > 0 && u < 10) return t + u;
  }
  return undefined;
}

/** A word made of number words: "twenty-five", "three" ("three-hour" gives the compound rest). */
function numberWordParts(lower: string): { value: number; rest: string[] } | undefined {
  if (!lower.includes('-')) {
    const v = NUMBER_UNITS.get(lower) ?? NUMBER_TENS.get(lower);
    return v === undefined || lower === 'a' || lower === 'an' ? undefined : { value: v, rest: [] };
  }
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

interface Fraction {
  value: number;
  to: number;
}

/**
 * A fraction written in words starting at token `j`: "a half", "one third",
 * "two thirds", "three-quarters", "one-eighth". A singular denominator needs
 * one/a before it, a plural one a larger numerator.
 */
function wordFraction(tokens: Token[], j: number, limit: number): Fraction | undefined {
  const t = tokens[j];
  if (!t || j >= limit || t.kind !== 'word') return undefined;
  const dash = t.lower.indexOf('-');
  if (dash > 0) {
    const top = ONE.has(t.lower.slice(0, dash)) ? 1 : smallNumber(t.lower.slice(0, dash));
    const bottom = NUMBER_DENOMINATORS.get(t.lower.slice(dash + 1));
    if (top !== undefined && bottom !== undefined && top > 0) return { value: top / bottom, to: j };
    return undefined;
  }
  const top = ONE.has(t.lower) ? 1 : smallNumber(t.lower);
  const d = tokens[j + 1];
  if (top === undefined || top === 0 || !d || j + 1 >= limit) return undefined;
  const bottom = NUMBER_DENOMINATORS.get(d.lower);
  if (bottom === undefined) return undefined;
  const plural = d.lower.endsWith('s');
  if (plural === (top === 1)) return undefined;
  // "a third" is a fraction only where no noun follows ("a third of", "and a third"), else an ordinal ("a third term", "a fourth day").
  if (top === 1 && d.lower !== 'half' && d.lower !== 'quarter') {
    const after = tokens[j + 2];
    if (after && j + 2 < limit && after.kind === 'word' && after.lower !== 'of' && after.lower !== 'and' && !NUMBER_SCALES.has(after.lower)) return undefined;
  }
  return { value: top / bottom, to: j + 1 };
}

/** A scale word (or "a"/"an" and a scale) right after a fraction: "half a million", "two thirds of a million", "quarter million". */
function scaleAfterFraction(tokens: Token[], j: number, limit: number): { scale: number; to: number } | undefined {
  let k = j;
  if (tokens[k]?.lower === 'of' && ONE.has(tokens[k + 1]?.lower ?? '') && tokens[k + 1].lower !== 'one') k += 2;
  else if (ONE.has(tokens[k]?.lower ?? '') && tokens[k].lower !== 'one') k += 1;
  const w = tokens[k];
  if (!w || k >= limit) return undefined;
  if (DOZENS.has(w.lower) && w.lower.startsWith('doz') && !w.lower.endsWith('s')) return { scale: 12, to: k };
  const scale = NUMBER_SCALES.get(w.lower);
  if (scale !== undefined && scale >= 100 && w.lower.length > 2) return { scale, to: k };
  return undefined;
}

/** A span of years right after a fraction: "a quarter century", "half a century", "three quarters of a century". */
function yearSpanAfter(tokens: Token[], j: number, limit: number): { span: number; to: number } | undefined {
  let k = j;
  if (tokens[k]?.lower === 'of' && (tokens[k + 1]?.lower === 'a' || tokens[k + 1]?.lower === 'an')) k += 2;
  else if (tokens[k]?.lower === 'a' || tokens[k]?.lower === 'an') k += 1;
  const span = k < limit ? YEAR_SPANS.get(tokens[k]?.lower ?? '') : undefined;
  return span === undefined ? undefined : { span, to: k };
}

/** "half-century", "quarter-century": a fraction and a span of years in one hyphenated word. */
export function hyphenatedYears(t: Token | undefined): number | undefined {
  const m = t ? /^(half|quarter)-(\p{L}+)$/u.exec(t.lower) : null;
  const span = m ? YEAR_SPANS.get(m[2]) : undefined;
  return m && span !== undefined ? (m[1] === 'half' ? 0.5 : 0.25) * span : undefined;
}

/** A fraction of a span of years as a number of years, rounded to a tenth of it when qualified ("nearly half a century": 45–50). */
function inYears(from: number, to: number, years: number, currency: string | undefined, core: number): NumberMatch {
  const value = exact(years);
  return { from, to, value, step: exact(value / 10), currency, worded: true, article: false, scaled: false, multiplier: 1, years: true, core };
}

interface Words {
  value: number;
  to: number;
  step: number;
  scaled: boolean;
  multiplier: number;
  article: boolean;
}

/**
 * Spelled-out numbers: "one hundred and sixty-one", "two thousand two
 * hundred", "a million", "five and a half million", "3 million and a half"
 * (the last scale taken from digits when `start` is given).
 */
function spelled(tokens: Token[], k: number, limit: number, start?: { value: number; scale: number }): Words | undefined {
  let total = start ? start.value : 0;
  let current = 0;
  let lastScale = start ? start.scale : Infinity;
  let j = k;
  let to = k - 1;
  let article = false;
  let words = 0;
  let afterTens = false;
  let afterHundred = false;
  let smallestScale = start ? start.scale : 1;
  let sawFraction = false;
  for (; j < limit; ) {
    const w = tokens[j];
    if (!w || w.kind !== 'word') break;
    const lower = w.lower;
    const small = smallNumber(lower);
    if (small !== undefined && !start) {
      if (words && current % 100 !== 0 && !(afterTens && small < 10 && small > 0)) break;
      if (words && current % 100 === 0 && current > 0 && !afterHundred) break;
      current += small;
      afterTens = small >= 20 && small % 10 === 0;
      afterHundred = false;
      words++;
      to = j++;
      continue;
    }
    if ((lower === 'a' || lower === 'an') && !words && !start) {
      const next = tokens[j + 1];
      if (next && (lower === 'a' || lower === 'an') && (next.lower === 'hundred' || (NUMBER_SCALES.get(next.lower) ?? 0) >= 1000 && next.lower.length > 2)) {
        current = 1;
        article = true;
        words++;
        to = j++;
        continue;
      }
      break;
    }
    if (lower === 'hundred' && (words || (NUMBER_SCALES.get(tokens[j + 1]?.lower ?? '') ?? 0) >= 1000) && current < 100 && !start) {
      current = (current || 1) * 100;
      smallestScale = Math.min(smallestScale, 100);
      afterHundred = true;
      afterTens = false;
      words++;
      to = j++;
      continue;
    }
    const scale = NUMBER_SCALES.get(lower);
    if (scale !== undefined && scale >= 1000 && lower.length > 2 && words && !start) {
      if (scale >= lastScale) {
        // "three lakh crore", "hundred thousand": a scale of a scale.
        if (current === 0 && total > 0 && tokens[j - 1] && NUMBER_SCALES.has(tokens[j - 1].lower)) {
          total *= scale;
          lastScale = scale;
          smallestScale = scale;
          words++;
          to = j++;
          continue;
        }
        break;
      }
      total += (current || 1) * scale;
      current = 0;
      lastScale = scale;
      smallestScale = scale;
      afterHundred = true;
      afterTens = false;
      words++;
      to = j++;
      continue;
    }
    if (lower === 'and' && (words || start)) {
      // "and a half", "and three quarters", "and two thirds": a fraction of what comes before or after.
      const fr = wordFraction(tokens, j + 1, limit) ?? (tokens[j + 1]?.lower === 'a' && tokens[j + 2]?.lower === 'half' ? { value: 0.5, to: j + 2 } : undefined);
      if (fr && !sawFraction) {
        const s = NUMBER_SCALES.get(tokens[fr.to + 1]?.lower ?? '');
        if (s !== undefined && s >= 1000 && (tokens[fr.to + 1].lower.length > 2) && fr.to + 1 < limit) {
          if (current > 0) {
            current += fr.value;
            to = j = fr.to + 1;
            sawFraction = true;
            continue;
          }
          if (s < lastScale) {
            total += fr.value * s;
            sawFraction = true;
            to = fr.to + 1;
            j = to + 1;
            continue;
          }
          break;
        }
        if (current > 0 || lastScale === Infinity) current += fr.value;
        else total += fr.value * lastScale;
        sawFraction = true;
        to = fr.to;
        j = to + 1;
        words++;
        continue;
      }
      // "one hundred and five", "two thousand and two hundred": only after a hundred or a larger scale, and only a smaller group.
      if (!afterHundred || start) break;
      const next = tokens[j + 1];
      const nextSmall = next ? smallNumber(next.lower) : undefined;
      if (nextSmall === undefined || j + 1 >= limit) break;
      const group = readGroupValue(tokens, j + 1, limit);
      if (group >= (current > 0 ? 100 : lastScale)) break;
      afterTens = false;
      j++;
      continue;
    }
    break;
  }
  if (!words && !sawFraction) return undefined;
  const value = exact(total + current);
  const scaled = smallestScale > 1 && (total > 0 || current >= 100);
  let step = 1;
  if (scaled) step = current % 100 === 0 && current > 0 ? 100 : total > 0 && current === 0 ? smallestScale : 1;
  else if (value >= 10 && value % 10 === 0) step = 10;
  if (sawFraction) step = 1;
  const multiplier = lastScale === Infinity ? (current >= 100 ? 100 : 1) : lastScale;
  return { value, to, step, scaled, multiplier, article };
}

/** The value of the group of number words at `j` ("two hundred" → 200, "five" → 5), to check that groups decrease. */
function readGroupValue(tokens: Token[], j: number, limit: number): number {
  const small = smallNumber(tokens[j]?.lower ?? '') ?? 0;
  let k = j + 1;
  let value = small;
  if (small >= 20 && small % 10 === 0 && k < limit && (smallNumber(tokens[k]?.lower ?? '') ?? 10) < 10) k++;
  if (tokens[k]?.lower === 'hundred') value = small * 100;
  return value;
}

/** The currency written before a number: "$", "US$", "USD 200", "USD115". */
function currencyBefore(tokens: Token[], i: number): { currency: string; next: number; million?: boolean } | undefined {
  const t0 = tokens[i];
  const t1 = tokens[i + 1];
  if (!t0 || !t1) return undefined;
  if (t0.kind === 'word' && t1.text === '$' && !t1.gap && tokens[i + 2]) {
    const code = DOLLAR_PREFIXES.get(t0.text);
    if (code) return { currency: code, next: i + 2 };
  }
  if (t0.kind === 'punct' && CURRENCY_SIGNS.has(t0.text) && t1.kind === 'num' && !t1.gap) return { currency: CURRENCY_SIGNS.get(t0.text)!, next: i + 1 };
  if (t0.kind === 'word' && t1.kind === 'num' && t0.text === t0.text.toUpperCase()) {
    const code = MONEY_CODES.get(t0.lower);
    if (code) return { currency: code, next: i + 1 };
    const mcode = MONEY_MILLION_CODES.get(t0.lower);
    if (mcode) return { currency: mcode, next: i + 1, million: true };
  }
  return undefined;
}

/** The currency written after a number: "dollars", "USD", "MUSD", "turkish lira", "cents". */
function currencyAfter(tokens: Token[], k: number): { currency: string; to: number; million?: boolean; subunit?: boolean } | undefined {
  const w = tokens[k];
  if (!w || w.kind !== 'word') return undefined;
  const name = MONEY_NAMES.at(tokens, k);
  if (name) return { currency: name.value, to: name.to };
  if (CURRENCY_WORDS.has(w.lower)) return { currency: CURRENCY_WORDS.get(w.lower)!, to: k };
  const sub = MONEY_SUBUNITS.get(w.lower);
  if (sub) return { currency: sub, to: k, subunit: true };
  if (w.text === w.text.toUpperCase() && w.text.length > 2) {
    const code = MONEY_CODES.get(w.lower);
    if (code) return { currency: code, to: k };
    const mcode = MONEY_MILLION_CODES.get(w.lower);
    if (mcode) return { currency: mcode, to: k, million: true };
  }
  return undefined;
}

/** "2 1/4", "5-1/2", "3/4": a fraction with a slash, its denominator a usual one and its numerator smaller. */
function slashFraction(tokens: Token[], k: number): Fraction | undefined {
  const a = tokens[k];
  const slash = tokens[k + 1];
  const b = tokens[k + 2];
  if (!a || a.kind !== 'num' || slash?.text !== '/' || slash.gap || !b || b.kind !== 'num' || b.gap) return undefined;
  if (tokens[k + 3]?.text === '/' || tokens[k - 1]?.text === '/') return undefined;
  if (!/^\d+$/.test(a.text) || !/^\d+$/.test(b.text)) return undefined;
  const top = Number(a.text);
  const bottom = Number(b.text);
  if (!SLASH_DENOMINATORS.has(bottom) || top >= bottom || top === 0) return undefined;
  return { value: top / bottom, to: k + 2 };
}

/**
 * The number starting at token `i`, if any: digits with separators, a sign,
 * a currency, a scale word and a percent sign; number words and fractions;
 * vague amounts.
 */
export function readNumber(tokens: Token[], i: number, limit: number): NumberMatch | undefined {
  let k = i;
  let currency: string | undefined;
  let millionCode = false;
  let negative = false;
  if (!tokens[k]) return undefined;
  // A sign: "-5" (a hyphen glued to the digits, not joining two numbers), "minus 5", "negative one".
  const s0 = tokens[k];
  if ((s0.text === '-' || s0.text === '−') && s0.kind === 'punct' && tokens[k + 1]?.kind === 'num' && !tokens[k + 1].gap && tokens[k - 1]?.kind !== 'num' && tokens[k - 1]?.kind !== 'word' || (s0.text === '-' && s0.gap && tokens[k + 1]?.kind === 'num' && !tokens[k + 1].gap)) {
    negative = true;
    k++;
  } else if (s0.kind === 'word' && NEGATIVES.has(s0.lower) && !NEGATIVE_NOT_AFTER.has(tokens[k - 1]?.lower ?? '') && tokens[k + 1] && (tokens[k + 1].kind === 'num' || smallNumber(tokens[k + 1].lower) !== undefined)) {
    negative = true;
    k++;
  }
  const cur = currencyBefore(tokens, k);
  if (cur) {
    currency = cur.currency;
    millionCode = Boolean(cur.million);
    k = cur.next;
  }
  const core = k;
  const m = readUnsigned(tokens, i, k, limit, currency, millionCode);
  if (!m) return undefined;
  if (negative) {
    if (m.vague || m.article) return undefined;
    m.value = -m.value;
  }
  m.core = core;
  return m;
}

function readUnsigned(tokens: Token[], i: number, k: number, limit: number, currency: string | undefined, millionCode: boolean): NumberMatch | undefined {
  const t = tokens[k];
  if (!t || k >= limit) return undefined;
  let value: number;
  let step: number;
  let to: number;
  let worded = false;
  let article = false;
  let scaled = false;
  let multiplier = 1;
  let share = false;
  let bareHalf = false;
  let compound: NumberMatch['compound'];

  if (t.kind === 'punct' && t.text === '.' && t.gap && tokens[k + 1]?.kind === 'num' && !tokens[k + 1].gap && /^\d+$/.test(tokens[k + 1].text)) {
    // ".08": a decimal without its leading zero.
    const digits = tokens[k + 1].text;
    value = exact(Number(`0.${digits}`));
    step = exact(10 ** -digits.length);
    to = k + 1;
  } else if (t.kind === 'punct' && VULGAR_FRACTIONS.has(t.text)) {
    value = VULGAR_FRACTIONS.get(t.text)!;
    step = value;
    to = k;
    share = true;
  } else if (t.kind === 'num') {
    const slash = slashFraction(tokens, k);
    if (slash) {
      value = slash.value;
      step = value;
      to = slash.to;
      share = true;
    } else {
      const d = parseDigits(t.text);
      if (!d) return undefined;
      ({ value, step } = d);
      to = k;
      // "1 234 567": thin-space or space grouping, each later group of exactly three digits one space apart.
      if (/^\d{1,3}$/.test(t.text)) {
        let j = k;
        let joined = t.text;
        while (tokens[j + 1]?.kind === 'num' && tokens[j + 1].start === tokens[j].end + 1 && /^\d{3}(?:\.\d+)?$/.test(tokens[j + 1].text) && !joined.includes('.') && j + 1 < limit) {
          joined += tokens[j + 1].text;
          j++;
        }
        if (j > k) {
          const g = parseDigits(joined)!;
          ({ value, step } = g);
          to = j;
        }
      }
      // "2 1/4", "5-1/2", "2½": a whole number and a fraction.
      const after = tokens[to + 1];
      const mixed = after && after.gap ? slashFraction(tokens, to + 1) : after?.text === '-' && !after.gap ? slashFraction(tokens, to + 2) : undefined;
      if (mixed && Number.isInteger(value)) {
        value = exact(value + mixed.value);
        step = mixed.value;
        to = mixed.to;
      } else if (after && after.kind === 'punct' && !after.gap && VULGAR_FRACTIONS.has(after.text) && Number.isInteger(value)) {
        value = exact(value + VULGAR_FRACTIONS.get(after.text)!);
        step = VULGAR_FRACTIONS.get(after.text)!;
        to = to + 1;
      }
      const next = tokens[to + 1];
      if (next && next.kind === 'word' && !next.gap) {
        // Letters glued to the digits: a scale ("5bn"), a currency ("115USD"), a unit ("5km"), or an ordinal/identifier ("7th", "3D").
        const scale = NUMBER_SCALES.get(next.lower) ?? NUMBER_GLUED_SCALES.get(next.text) ?? NUMBER_GLUED_SCALES.get(next.lower);
        const glued = !currency ? currencyAfter(tokens, to + 1) : undefined;
        if (scale !== undefined && !(next.lower === 'mm' && next.text !== 'MM')) {
          value = exact(value * scale);
          step = exact(step * scale);
          multiplier = scale;
          scaled = true;
          to++;
        } else if (glued && glued.to === to + 1 && !glued.subunit) {
          currency = glued.currency;
          if (glued.million) {
            value = exact(value * 1e6);
            step = exact(step * 1e6);
            multiplier = 1e6;
            scaled = true;
          }
          to++;
        } else if (!GLUED_UNITS.has(next.lower) || ORDINAL_SUFFIX.test(next.text)) return undefined;
      } else if (next && next.kind === 'word' && next.gap && to + 1 < limit) {
        // Short scales apart from the digits ("5 bn", "2.33 k", "1.5 M") only at the end of the phrase, so "100 m sprint" stays metres.
        const after2 = tokens[to + 2];
        const shortOk = (next.lower === 'bn' || next.lower === 'mn' || next.lower === 'tn' || next.lower === 'k' || next.text === 'M') && (!after2 || after2.kind !== 'word' || next.lower === 'bn');
        const scale = NUMBER_SCALES.get(next.lower) ?? (next.lower === 'mn' || next.lower === 'tn' ? NUMBER_GLUED_SCALES.get(next.lower) : undefined);
        if (scale !== undefined && scale >= 100 && (next.lower.length > 2 || shortOk)) {
          value = exact(value * scale);
          step = exact(step * scale);
          multiplier = scale;
          scaled = true;
          to++;
          // "6 crore and two hundred", "3 million and a half".
          const rest = tokens[to + 1]?.lower === 'and' ? spelled(tokens, to + 1, limit, { value: 0, scale }) : undefined;
          if (rest && rest.to > to + 1) {
            value = exact(value + rest.value);
            step = 1;
            to = rest.to;
          } else if (tokens[to + 1]?.lower === 'and' && smallNumber(tokens[to + 2]?.lower ?? '') !== undefined && to + 2 < limit) {
            const tail = spelled(tokens, to + 2, limit);
            if (tail && tail.value < scale) {
              value = exact(value + tail.value);
              step = 1;
              to = tail.to;
            }
          }
        }
      }
    }
  } else if (t.kind === 'word') {
    // Most words cannot begin a number: one lookup decides before any parsing.
    const dash = t.lower.indexOf('-');
    if (!NUMBER_WORD_STARTS.has(t.lower) && !(dash > 0 && NUMBER_WORD_STARTS.has(t.lower.slice(0, dash)))) return undefined;
    // Vague amounts first: "hundreds of thousands" must not read as "hundreds".
    const vague = VAGUE_AMOUNTS.at(tokens, k, limit);
    if (vague) {
      let [lo, hi] = vague.value;
      if (t.lower === 'scores' && tokens[vague.to + 1]?.lower !== 'of') return undefined;
      let vto = vague.to;
      // "hundreds of billions", "several hundred thousand": the span times the scale after it.
      const ofScale = tokens[vto + 1]?.lower === 'of' ? tokens[vto + 2] : tokens[vto + 1];
      const s = ofScale ? NUMBER_SCALES.get(ofScale.lower) ?? NUMBER_SCALES.get(ofScale.lower.replace(/s$/, '')) : undefined;
      // A scale right after a singular phrase ("several hundred thousand"), or after "of" in the plural ("hundreds of billions").
      const direct = ofScale === tokens[vto + 1];
      if (ofScale && s !== undefined && s >= 1000 && ofScale.lower.length > 2 && (direct ? !tokens[vto].lower.endsWith('s') : ofScale.lower.endsWith('s'))) {
        lo = exact(lo * s);
        hi = exact(hi * s + s - 1);
        vto = direct ? vto + 1 : vto + 2;
      }
      return { from: i, to: vto, value: lo, step: lo, vague: [lo, hi], currency, worded: true, article: false, scaled: false, multiplier: 1, core: k };
    }
    const multiple = MULTIPLES.get(t.lower);
    if (multiple !== undefined) {
      return { from: i, to: k, value: multiple, step: 1, currency, worded: true, article: false, scaled: false, multiplier: 1, multiple: true, core: k };
    }
    const fraction = wordFraction(tokens, k, limit) ?? (t.lower === 'half' || t.lower === 'quarter' ? { value: t.lower === 'half' ? 0.5 : 0.25, to: k, bare: true } : undefined);
    const spanOfYears = fraction && yearSpanAfter(tokens, fraction.to + 1, limit);
    if (fraction && spanOfYears) {
      // "half a century", "three quarters of a century": years.
      return inYears(i, spanOfYears.to, fraction.value * spanOfYears.span, currency, k);
    }
    if (fraction) {
      // "half a million", "two thirds of a million", "quarter million", "half a dozen".
      const sc = scaleAfterFraction(tokens, fraction.to + 1, limit);
      worded = true;
      if (sc) {
        value = exact(fraction.value * sc.scale);
        step = sc.scale === 12 ? 1 : exact(sc.scale / 10);
        to = sc.to;
        scaled = sc.scale !== 12;
        multiplier = sc.scale;
      } else {
        if ('bare' in fraction && t.lower === 'quarter') return undefined;
        value = fraction.value;
        step = value;
        to = fraction.to;
        share = true;
        bareHalf = 'bare' in fraction;
      }
    } else if ((t.lower === 'a' || t.lower === 'an') && k + 1 < limit && hyphenatedYears(tokens[k + 1]) !== undefined) {
      // "a quarter-century", "a half-century": years.
      return inYears(i, k + 1, hyphenatedYears(tokens[k + 1])!, currency, k);
    } else if ((t.lower === 'a' || t.lower === 'an') && !ONE.has(tokens[k + 1]?.lower ?? 'x') && tokens[k + 1] && (tokens[k + 1].lower === 'half' || tokens[k + 1].lower === 'quarter')) {
      // "a half", "a quarter of a million", "a half hour"; "a quarter century" is years.
      const f = tokens[k + 1].lower === 'half' ? 0.5 : 0.25;
      const span = yearSpanAfter(tokens, k + 2, limit);
      if (span) return inYears(i, span.to, f * span.span, currency, k);
      const sc = scaleAfterFraction(tokens, k + 2, limit);
      worded = true;
      if (sc) {
        value = exact(f * sc.scale);
        step = exact(sc.scale / 10);
        to = sc.to;
        scaled = true;
        multiplier = sc.scale;
      } else {
        const after = tokens[k + 2];
        if (f === 0.25 && after && after.kind === 'word' && after.lower !== 'of' && after.lower !== 'century') return undefined;
        value = f;
        step = f;
        to = k + 1;
        share = true;
      }
    } else if ((t.lower === 'a' || t.lower === 'an') && !(tokens[k + 1] && (tokens[k + 1].lower === 'hundred' || (NUMBER_SCALES.get(tokens[k + 1].lower) ?? 0) >= 1000 && tokens[k + 1].lower.length > 2))) {
      // "a dozen"; a bare "a" is a number only where a qualifier precedes it, the caller decides.
      if (tokens[k + 1] && DOZENS.has(tokens[k + 1].lower) && !tokens[k + 1].lower.endsWith('s')) {
        return { from: i, to: k + 1, value: 12, step: 12, currency, worded: true, article: false, scaled: true, multiplier: 12, core: k };
      }
      return { from: i, to: k, value: 1, step: 1, currency, worded: true, article: true, scaled: false, multiplier: 1, core: k };
    } else {
      const parts = numberWordParts(t.lower);
      if (parts && parts.rest.length && smallNumber(t.lower) === undefined) {
        // "three-hour": the number word is glued to its noun; "sixty-one" is not.
        const offset = t.text.length - parts.rest.join('-').length;
        compound = { text: t.text.slice(offset), start: t.start + offset, end: t.end };
        return { from: i, to: k, value: parts.value, step: 1, currency, worded: true, article: false, scaled: false, multiplier: 1, compound, core: k };
      }
      const w = spelled(tokens, k, limit);
      if (!w) return undefined;
      ({ value, step, to, scaled, multiplier, article } = w);
      worded = true;
    }
  } else return undefined;

  // After the number: dozens, a currency, a percent sign, a glued noun.
  let percent = false;
  let after = tokens[to + 1];
  if (after && DOZENS.has(after.lower) && to + 1 < limit && !share) {
    value = exact(value * 12);
    step = 12;
    multiplier *= 12;
    scaled = true;
    to++;
    after = tokens[to + 1];
  }
  if (millionCode) {
    value = exact(value * 1e6);
    step = exact(step * 1e6);
    scaled = true;
  }
  if (after && after.text === '%' && !after.gap) {
    percent = true;
    to++;
  } else if (after && after.kind === 'word' && (after.lower === 'percent' || after.lower === 'pct' || after.lower === 'percentage')) {
    percent = true;
    to++;
  } else if (after && after.lower === 'per' && tokens[to + 2]?.lower === 'cent') {
    percent = true;
    to += 2;
  } else if (after && after.text === '-' && !after.gap && tokens[to + 2]?.kind === 'word' && !tokens[to + 2].gap && !scaled && tokens[to + 2].lower !== 'to') {
    const w = tokens[to + 2];
    const scale = NUMBER_SCALES.get(w.lower);
    if (scale !== undefined && scale >= 1000 && w.lower.length > 2) {
      // "$670-billion": a scale joined by a hyphen, as some newspapers write it.
      value = exact(value * scale);
      step = exact(step * scale);
      multiplier = scale;
      scaled = true;
      to += 2;
    } else if (MONEY_SUBUNITS.has(w.lower.split('-')[0])) {
      // "a 12-cent dividend"
      currency = MONEY_SUBUNITS.get(w.lower.split('-')[0]);
      to += 2;
    } else {
      compound = { text: w.text, start: w.start, end: w.end };
      to += 2;
    }
  }
  if (!currency && !percent && !compound) {
    const c = currencyAfter(tokens, to + 1);
    if (c) {
      currency = c.currency;
      if (c.million) {
        value = exact(value * 1e6);
        step = exact(step * 1e6);
        scaled = true;
        to = c.to;
      } else if (c.to > to + 1 || !CURRENCY_WORDS.has(tokens[to + 1].lower)) to = c.to;
      // "3 dollars 50 cents", "15 dollars and 50": the cents after the main unit.
      if (MONEY_COMPOSITES.has(tokens[c.to]?.lower ?? '') && Number.isInteger(value)) {
        let j = c.to + 1;
        if (tokens[j]?.lower === 'and') j++;
        const cents = tokens[j]?.kind === 'num' && /^\d{1,2}$/.test(tokens[j].text) ? { value: Number(tokens[j].text), to: j } : spelledCents(tokens, j, limit);
        if (cents && cents.value < 100 && j < limit && !(tokens[cents.to + 1] && NUMBER_SCALES.has(tokens[cents.to + 1].lower)) && centsMayFollow(tokens, cents.to + 1)) {
          value = exact(value + cents.value / 100);
          step = 0.01;
          to = MONEY_SUBUNITS.has(tokens[cents.to + 1]?.lower ?? '') ? cents.to + 1 : cents.to;
        }
      }
    }
  }
  // "75 USD million": a scale after the code.
  if (currency && !scaled && tokens[to + 1] && (NUMBER_SCALES.get(tokens[to + 1].lower) ?? 0) >= 1e6 && tokens[to + 1].lower.length > 2 && to + 1 < limit && tokens[to].kind === 'word') {
    const scale = NUMBER_SCALES.get(tokens[to + 1].lower)!;
    value = exact(value * scale);
    step = exact(step * scale);
    multiplier = scale;
    scaled = true;
    to++;
  }
  // "1 in 5", "one out of three": a share.
  if (!share && !currency && !percent && !scaled && value >= 1 && Number.isInteger(value)) {
    const link = SHARE_LINKS.at(tokens, to + 1, limit);
    if (link) {
      const b = readUnsigned(tokens, link.to + 1, link.to + 1, limit, undefined, false);
      const yearLike = b && tokens[b.to].kind === 'num' && /^\d{4}$/.test(tokens[b.to].text) && b.value >= 1500 && b.value <= 2199;
      if (b && !b.share && !b.vague && !b.article && !b.compound && !b.scaled && b.value > value && !yearLike && Number.isInteger(b.value)) {
        return { from: i, to: b.to, value: value / b.value, step: SHARE_STEP, currency, percent: b.percent, worded, article: false, scaled: false, multiplier: 1, share: true, core: k };
      }
    }
  }
  // A share is rounded to a twentieth when qualified: "about half" is 45–55%, "more than half" 50–55%.
  if (share) step = SHARE_STEP;
  return { from: i, to, value, step, currency, percent, worded, article, scaled, multiplier, compound, share, bareHalf, core: k };
}

/** Cents end a composite amount unless another currency follows ("50 dollar 40 rmb" is two amounts). */
function centsMayFollow(tokens: Token[], k: number): boolean {
  const c = currencyAfter(tokens, k);
  return !c || Boolean(c.subunit);
}

/** "forty-five" or "forty five" as a count of cents after "dollars". */
function spelledCents(tokens: Token[], j: number, limit: number): { value: number; to: number } | undefined {
  const w = spelled(tokens, j, limit);
  return w && !w.scaled ? { value: w.value, to: w.to } : undefined;
}

/** The rounding step used by qualifiers: at least the second significant digit. */
export function qualifierStep(value: number, step: number): number {
  if (value <= 0) return step;
  if (value < 1) return step;
  const second = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Math.max(step, second >= 1 || step < 1 ? second : 1);
}

/** [low, high] for a number as read with its qualifier; null where unbounded. */
export function interval(value: number, step: number, reading: Reading): [number | null, number | null] {
  const [low, high] = rawInterval(value, step, reading);
  return [low === null ? null : exact(low), high === null ? null : exact(high)];
}

function rawInterval(value: number, step: number, reading: Reading): [number | null, number | null] {
  // Negative numbers ("-5 degrees", "minus 2 percent") keep their sign: the interval is the positive one mirrored.
  if (value < 0 && reading !== 'exact' && reading !== 'under' && reading !== 'floor') {
    const [lo, hi] = rawInterval(-value, step, reading);
    return [hi === null ? null : -hi, lo === null ? null : -lo];
  }
  switch (reading) {
    case 'exact':
      return [value, value];
    case 'rounded': {
      const half = Math.min(step / 2, value * 0.1);
      return [value - half, value + half];
    }
    case 'above':
    case 'atLeast':
      return [value, value + qualifierStep(value, step)];
    case 'floor':
      return [value, null];
    case 'below':
      return [Math.max(0, value - qualifierStep(value, step)), value];
    case 'approx': {
      const d = Math.max(qualifierStep(value, step) / 2, value * 0.1);
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
