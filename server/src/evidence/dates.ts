// When an article and a source were published, and what that says about
// comparing them. A running toll rises and titles change, so whether two
// texts disagree depends on their dates. Dates are ISO days ("2024-10-07")
// or undefined: what is not known stays unknown, never today's date.
//
// The article's date, in this order: the CLI's --date, front matter
// (`date:`, `published:`), a dateline with a full date near the top
// ("BEIRUT, Oct. 7, 2024 (Reuters) –"). A source's date comes from
// `sourceDate`, the one place that reads it.

import type { Source } from '../corpus/corpus.js';
import data from './data/dates.json';

const MONTHS: Record<string, number> = data.months;
/** Dates this many days apart or fewer are the same time. */
export const SAME_TIME_DAYS = data.sameTimeDays;
/** A title conflict counts only against sources this close in time to the article. */
export const TITLE_WINDOW_DAYS = data.titleWindowDays;
/** Figures that are not running totals compare only within this window. */
export const OTHER_FIGURE_WINDOW_DAYS = data.otherFigureWindowDays;

const MONTH = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MDY_RE = new RegExp(`\\b(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i');
const DMY_RE = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\.?,?\\s+(\\d{4})\\b`, 'i');
const FRONT_KEYS_RE = /^(?:date|published|datePublished|published_time|pubdate)\s*:\s*["']?([^"'\n]+?)["']?\s*$/im;
/** What may precede a dateline's date: nothing, a place in capitals ("BEIRUT, "), or "Published". */
const DATELINE_BEFORE_RE = /^\s*(?:[A-Z][A-Z .'-]+(?:\([^)]*\))?,\s*|(?:[Pp]ublished|[Uu]pdated|[Pp]osted|[Dd]ate)(?:\s+on)?:?\s*)$/;
/** What may follow it: the end of the line, a time, an agency in brackets, a dash. */
const DATELINE_AFTER_RE = /^\s*(?:$|\(|[-–—|]|at\s|\d{1,2}[:.]\d{2})/;
/** How far into the text a dateline may sit (after a headline and a byline). */
const DATELINE_REACH = 400;

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1800 || y > 2200) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return undefined;
  return t.toISOString().slice(0, 10);
}

/** "2024-10-07", "2024-10-07T09:30:00Z", "October 7, 2024", "7 Oct. 2024" → "2024-10-07"; anything else → undefined. */
export function parseDate(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  const i = ISO_RE.exec(t);
  if (i) return iso(+i[1], +i[2], +i[3]);
  const a = MDY_RE.exec(t);
  if (a) return iso(+a[3], MONTHS[a[1].toLowerCase()], +a[2]);
  const b = DMY_RE.exec(t);
  if (b) return iso(+b[3], MONTHS[b[2].toLowerCase()], +b[1]);
  return undefined;
}

/** The date a text gives itself: front matter first, then a full date in its first lines. */
export function dateOfText(text: string): string | undefined {
  if (/^---\r?\n/.test(text)) {
    const close = text.indexOf('\n---', 4);
    if (close > 0) {
      const m = FRONT_KEYS_RE.exec(text.slice(4, close));
      const d = parseDate(m?.[1]);
      if (d) return d;
    }
  }
  const head = text.slice(0, DATELINE_REACH);
  // A dateline is at the start of a line: "BEIRUT, Oct. 7, 2024 –", "Published October 7, 2024".
  for (const line of head.split('\n')) {
    const m = MDY_RE.exec(line) ?? DMY_RE.exec(line);
    if (!m) continue;
    const before = line.slice(0, m.index);
    const after = line.slice(m.index + m[0].length);
    // Only a dateline or a "Published …" line dates the text: "On October 7, 2023, Hamas attacked" does not.
    if ((DATELINE_BEFORE_RE.test(before) || /^\s*$/.test(before)) && DATELINE_AFTER_RE.test(after)) return parseDate(m[0]);
  }
  return undefined;
}

const sourceDates = new WeakMap<Source, string | null>();

/**
 * A source's publication date: the one function evidence reads it through.
 * Where the corpus keeps source metadata (front matter, a sidecar, page
 * metadata, a dateline), its date; otherwise the text's own front matter or
 * dateline.
 */
export function sourceDate(source: Source): string | undefined {
  const meta = (source as { meta?: { date?: string } }).meta;
  if (meta) return meta.date;
  let d = sourceDates.get(source);
  if (d === undefined) {
    d = dateOfText(source.text) ?? null;
    sourceDates.set(source, d);
  }
  return d ?? undefined;
}

/** Days from `a` to `b` (positive when b is later); undefined when either is unknown. */
export function daysBetween(a: string | undefined, b: string | undefined): number | undefined {
  if (!a || !b) return undefined;
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}
