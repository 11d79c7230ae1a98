// When an article and a source were published, and what that says about
// comparing them. A running toll rises and titles change, so whether two
// texts disagree depends on their dates. Dates are ISO days ("2024-10-07")
// or undefined: what is not known stays unknown, never today's date.
//
// The article's date, in this order: the CLI's --date, front matter
// (`date:`, `published:`), a dateline with a full date near the top
// ("BEIRUT, Oct. 7, 2024 (Reuters) –"), a "Published …" line. A source's
// date comes from `sourceDate`, the one place that reads it: the source
// metadata (corpus/metadata.ts), which reads the same places and a sidecar.

import type { Source } from '../corpus/corpus.js';
import { dateline, frontMatter, parseDate } from '../corpus/metadata.js';
import data from './data/dates.json';

export { parseDate } from '../corpus/metadata.js';

/** Dates this many days apart or fewer are the same time. */
export const SAME_TIME_DAYS = data.sameTimeDays;
/** A title conflict counts only against sources within this many days of the article. */
export const TITLE_WINDOW_DAYS = data.titleWindowDays;
/** Figures further apart than this are information, not warnings. */
export const OTHER_FIGURE_WINDOW_DAYS = data.otherFigureWindowDays;

/** A "Published October 8, 2024" line near the top. */
const PUBLISHED_RE = /^[ \t]*(?:published|updated|posted|date)(?:[ \t]+on)?:?[ \t]+(.+?)[ \t]*$/im;
/** How far into the text a dateline or a "Published" line may sit (after a headline and a byline). */
const HEAD_REACH = 600;

/**
 * The date a text gives itself, read as sources' metadata is read: front
 * matter, then a dateline ("BEIRUT, Oct. 7, 2024 (Reuters) –"), then a
 * "Published …" line near the top. A date inside a sentence ("On October 7,
 * 2023, Hamas attacked") is not the text's.
 */
export function dateOfText(text: string): string | undefined {
  const front = frontMatter(text).meta.date;
  if (front) return front;
  const head = text.slice(0, HEAD_REACH);
  return dateline(head).date ?? parseDate(PUBLISHED_RE.exec(head)?.[1]);
}

/** A source's publication date, from its metadata (front matter, sidecar, page metadata, dateline). */
export function sourceDate(source: Source): string | undefined {
  return source.meta.date;
}

/** Days from `a` to `b` (positive when b is later); undefined when either is unknown. */
export function daysBetween(a: string | undefined, b: string | undefined): number | undefined {
  if (!a || !b) return undefined;
  return Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
}
