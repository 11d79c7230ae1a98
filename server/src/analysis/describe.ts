// How a figure is put into words, one wording for every view that shows one:
// the CLI report, the hover, the outline and claim search. The amount keeps
// its unit ("under three weeks" → "up to 3 weeks", "about $1.5 billion" →
// "$1.35–1.65 billion", "around 5%" → "4.5–5.5%"); what it counts is its
// class ("more than 1,400 people were killed" → "deaths (were killed)"), so
// a view never calls the same figure "people" in one place and "deaths" in
// another.

import { CURRENCY_SIGNS, MONEY_SUBUNIT_SIGNS } from './lexicon.js';
import type { Figure } from './types.js';

type Described = Pick<Figure, 'low' | 'high' | 'class' | 'unit' | 'counts' | 'head' | 'verb'>;

const SCALES: [number, string][] = [
  [1e9, 'billion'],
  [1e6, 'million'],
];

/** A currency code's sign, the first one the sign list gives it ("$" for USD, not "US$"). */
const SIGNS = new Map<string, string>();
for (const [sign, code] of CURRENCY_SIGNS) if (!SIGNS.has(code)) SIGNS.set(code, sign);

/** "1.45 billion" as ["1.45", "billion"], "34,789" as ["34,789", ""]: a scale word only for two decimals or fewer. */
function scaled(n: number): [string, string] {
  for (const [size, word] of SCALES) {
    const hundredths = (n / size) * 100;
    if (Math.abs(n) >= size && Math.abs(hundredths - Math.round(hundredths)) < 1e-6) return [plain(Math.round(hundredths) / 100), word];
  }
  return [plain(n), ''];
}

const plain = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const joined = ([digits, scale]: [string, string]) => (scale ? `${digits} ${scale}` : digits);

/** An abbreviation ("km", "mph") has no plural; a word takes the usual English one. */
function plural(noun: string): string {
  if (!/[aeiou]/i.test(noun)) return noun;
  if (/(?:s|x|z|ch|sh)$/i.test(noun)) return noun + 'es';
  if (/[^aeiou]y$/i.test(noun)) return noun.slice(0, -1) + 'ies';
  return noun + 's';
}

/**
 * The unit a measure is counted in, as the article writes it ("weeks",
 * "square miles"), or the head noun of a compound ("a 3-day pause" → "days").
 */
function measureNoun(f: Described): string {
  const words = f.counts.trim().split(/\s+/);
  const last = words[words.length - 1]?.toLowerCase() ?? '';
  if (!f.head) return f.counts;
  // "a year and a half": the noun as written is singular, the amount is not.
  if (words.length === 1 && last === f.head && !(f.low === 1 && f.high === 1)) return plural(f.head);
  if (last.startsWith(f.head) || words.length === 1) return f.counts;
  return f.low === 1 && f.high === 1 ? f.head : plural(f.head);
}

/** Where the unit goes around the number: "$" before, "%" and " weeks" after. */
function unitOf(f: Described): { before: string; after: string } {
  if (f.class === 'percentage' || f.unit === '%') return { before: '', after: '%' };
  if (f.class === 'money' && f.unit) {
    // Cents and pence keep their own sign: "45¢", "470p".
    const minor = MONEY_SUBUNIT_SIGNS.get(f.unit);
    if (minor) return { before: '', after: minor };
    const sign = SIGNS.get(f.unit);
    return sign ? { before: sign, after: '' } : { before: '', after: ` ${f.unit}` };
  }
  if ((f.class === 'duration' || f.class === 'distance') && f.counts) return { before: '', after: ` ${measureNoun(f)}` };
  return { before: '', after: '' };
}

/** The figure's interval with its unit: "up to 3 weeks", "$1.45–1.55 billion", "4.5–5.5%", "1,400–1,500". */
export function describeAmount(f: Described): string {
  // A share ("two-thirds", "about half") reads as a percentage of the whole: "66.67%", "45–55%".
  if (f.class === 'share') {
    const pct = (n: number | null) => (n === null ? null : Math.round(n * 10000) / 100);
    return describeAmount({ ...f, class: 'percentage', unit: '%', low: pct(f.low), high: pct(f.high) });
  }
  const { before, after } = unitOf(f);
  const unit = (s: string) => `${before}${s}${after}`;
  if (f.low === null && f.high === null) return 'any amount';
  if (f.low === null) return `up to ${unit(joined(scaled(f.high!)))}`;
  if (f.high === null) return `at least ${unit(joined(scaled(f.low)))}`;
  if (f.low === f.high) return unit(joined(scaled(f.low)));
  const low = scaled(f.low);
  const high = scaled(f.high);
  // One scale word for both ends when they share it: "$1.45–1.55 billion".
  if (low[1] === high[1]) return unit(`${low[0]}–${joined(high)}`);
  return unit(`${joined(low)}–${joined(high)}`);
}

/** What the figure counts: its class, or the counted noun for a plain count; with the event verb ("deaths (were killed)"). */
export function describeCounted(f: Described): string {
  const what = f.class === 'count' ? f.head || 'items' : f.class;
  // A verb that only repeats the class ("displaced (displaced)") tells the reader nothing more.
  const verbWord = f.verb?.toLowerCase().split(/\s+/).pop();
  return f.verb && verbWord !== what.toLowerCase() ? `${what} (${f.verb})` : what;
}

/** "up to 3 weeks, duration", "1,400–1,500, deaths (were killed)": the one-line description every view shows. */
export function describeFigure(f: Described): string {
  return `${describeAmount(f)}, ${describeCounted(f)}`;
}
