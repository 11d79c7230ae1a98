// What a source is: its headline, outlet, authors, publication date, link
// and what it copies. Plain data, read from several places in a fixed order
// of trust (the first that knows a field wins):
//   1. YAML front matter at the top of a Markdown or text source
//   2. the folder's sidecar file (metadataSidecar.ts)
//   3. a saved web page's <meta>, JSON-LD and canonical link (html.ts)
//   4. a dateline ("WASHINGTON, Sept 25 (Reuters) -")
//   5. an "Original Source: www.cnn.com" line
//   6. the first line of a plain-text source as its headline
// What no place says stays unknown: there is no default date.

import { parse as parseYaml } from 'yaml';
import outlets from './data/derivation.json';
import { declaredCopy } from './independence.js';

export interface SourceMeta {
  headline?: string;
  /** The publisher, as it names itself ("CNN", "Agence France-Presse"). */
  outlet?: string;
  authors?: string[];
  /** Publication date, ISO "2024-10-07" (the day as the source gives it; no time zone conversion). */
  date?: string;
  url?: string;
  doi?: string;
  /** The publication (or URL) this source says it copies or paraphrases. */
  copiedFrom?: string;
  /**
   * Where a date came from when the source does not state it whole (a
   * dateline without a year, the year from the source's own URL or its
   * folder): a citation shows the date, and this says on what it rests.
   */
  dateFrom?: string;
}

export const META_FIELDS = ['headline', 'outlet', 'authors', 'date', 'url', 'doi', 'copiedFrom'] as const;

/** Fields of `layers` merged, the earlier layer winning each field; a date keeps the account of where it came from of its own layer. */
export function mergeMeta(...layers: (SourceMeta | undefined)[]): SourceMeta {
  const out: SourceMeta = {};
  for (const layer of layers) {
    if (!layer) continue;
    const dated = out.date !== undefined;
    for (const k of META_FIELDS) if (out[k] === undefined && layer[k] !== undefined) (out as Record<string, unknown>)[k] = layer[k];
    if (!dated && out.date !== undefined && layer.dateFrom !== undefined) out.dateFrom = layer.dateFrom;
  }
  return out;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

function monthOf(name: string): number {
  const n = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3))) + 1;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000 || y > 9999) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A publication date as an ISO day, from the forms sources use: "2024-10-07",
 * "2024-10-07T14:03:00-04:00" (the day as written, not converted to UTC),
 * "7 October 2024", "October 7, 2024", "Oct. 7, 2024". Undefined for
 * anything else, including a date without a year.
 */
export function parseDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(s);
  if (m) return iso(+m[1], +m[2], +m[3]);
  m = new RegExp(`^(\\d{1,2})\\s+${MONTH_RE},?\\s+(\\d{4})$`, 'i').exec(s);
  if (m) return iso(+m[3], monthOf(m[2]), +m[1]);
  m = new RegExp(`^${MONTH_RE}\\s+(\\d{1,2}),?\\s+(\\d{4})$`, 'i').exec(s);
  if (m) return iso(+m[3], monthOf(m[1]), +m[2]);
  return undefined;
}

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "7 October 2024" (long) or "7 Oct 2024" (short) from an ISO day. */
export function formatDate(isoDay: string, form: 'long' | 'short' = 'long'): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const month = LONG_MONTHS[m - 1];
  return `${d} ${form === 'long' ? month : month.slice(0, 3)} ${y}`;
}

/** What front matter or a sidecar entry says, checked field by field; what is wrong is named. */
export function metaFromObject(raw: unknown, where: string): { meta: SourceMeta; problems: string[] } {
  const problems: string[] = [];
  const meta: SourceMeta = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { meta, problems: [`${where} must be an object of fields (headline, outlet, authors, date, url, doi, copiedFrom)`] };
  const o = raw as Record<string, unknown>;
  const text = (key: string, ...aliases: string[]): string | undefined => {
    for (const k of [key, ...aliases]) {
      const v = o[k];
      if (v === undefined || v === null) continue;
      if (typeof v === 'string' && v.trim()) return v.trim().replace(/\s+/g, ' ');
      if (typeof v === 'number') return String(v);
      problems.push(`${where}: "${k}" must be a string`);
      return undefined;
    }
    return undefined;
  };
  meta.headline = text('headline', 'title');
  meta.outlet = text('outlet', 'publisher', 'source');
  meta.url = text('url', 'link');
  meta.doi = text('doi');
  meta.copiedFrom = text('copiedFrom', 'copied_from', 'original');
  for (const k of ['authors', 'author']) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    const list = typeof v === 'string' ? v.split(/\s*;\s*|\s+and\s+/) : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
    if (list) meta.authors = list.map((a) => a.trim()).filter(Boolean);
    else problems.push(`${where}: "${k}" must be a name or a list of names`);
    break;
  }
  for (const k of ['date', 'published', 'datePublished']) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    meta.date = parseDate(v);
    if (!meta.date) problems.push(`${where}: "${k}" ${JSON.stringify(v instanceof Date ? v.toISOString() : v)} is not a date (write 2024-10-07)`);
    break;
  }
  if (meta.url && !/^https?:\/\/\S+$/i.test(meta.url)) {
    problems.push(`${where}: "url" must start with http:// or https://`);
    meta.url = undefined;
  }
  for (const k of META_FIELDS) if (meta[k] === undefined || (Array.isArray(meta[k]) && !meta[k]!.length)) delete meta[k];
  return { meta, problems };
}

const FRONT_MATTER_RE = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export interface FrontMatter {
  /** Where it ends in the text (0 when there is none). */
  end: number;
  meta: SourceMeta;
  problems: string[];
}

/** YAML front matter at the very top ("---" … "---"). Malformed YAML is one problem; the source is still read. */
export function frontMatter(text: string): FrontMatter {
  const m = FRONT_MATTER_RE.exec(text);
  if (!m) return { end: 0, meta: {}, problems: [] };
  let data: unknown;
  try {
    data = parseYaml(m[1], { schema: 'core', maxAliasCount: 10 });
  } catch (e) {
    const why = String((e as Error).message).split('\n')[0];
    return { end: m[0].length, meta: {}, problems: [`front matter is not valid YAML (${why})`] };
  }
  if (data === null || data === undefined) return { end: m[0].length, meta: {}, problems: [] };
  const { meta, problems } = metaFromObject(data, 'front matter');
  return { end: m[0].length, meta, problems };
}

/** The text with its front matter blanked (newlines kept), so offsets stay those of the file. */
export function blankFrontMatter(text: string, end: number): string {
  return end ? text.slice(0, end).replace(/[^\r\n]/g, ' ') + text.slice(end) : text;
}

const OUTLET_NAMES = new Map(Object.entries(outlets.outlets).flatMap(([id, names]) => names.map((n) => [n.toLowerCase(), id] as const)));
/** How each known publication is named in citations: its first name in derivation.json. */
const OUTLET_DISPLAY = new Map(Object.entries(outlets.outlets).map(([id, names]) => [id, names[0]]));

/** The known publication a name or web address stands for ("www.cnn.com", "CNN" → "cnn"), else undefined. */
export function outletId(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const raw = name.toLowerCase().trim().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '');
  return OUTLET_NAMES.get(raw) ?? OUTLET_NAMES.get(raw.replace(/^the\s+/, ''));
}

/** A publication as people write it: "www.cnn.com" → "CNN"; an unknown one as given. */
export function outletName(name: string): string {
  const id = outletId(name);
  return id ? OUTLET_DISPLAY.get(id)! : name.replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/$/, '');
}

// "WASHINGTON, Sept 25 (Reuters) -", "Beirut (AFP) –", "NEW YORK, Oct. 7, 2024 (CNN) —".
const DATELINE_RE = new RegExp(
  `^[ \\t]*[A-Z][A-Za-z.'\\- ]{1,40}?(?:,[ \\t]*(?:[A-Z][A-Za-z.]+,[ \\t]*)?${MONTH_RE}[ \\t]+(\\d{1,2})(?:,[ \\t]*(\\d{4}))?)?[ \\t]*\\(([A-Z][A-Za-z&.\\- ]{0,30}?)\\)[ \\t]*[-–—:]`,
  'im',
);
/** How far into a source a dateline is looked for: it opens the story. */
const DATELINE_WINDOW = 600;

/** Outlet (and, with a year, the date) from a dateline near the top of the text. */
export function dateline(text: string): SourceMeta {
  const m = DATELINE_RE.exec(text.slice(0, DATELINE_WINDOW));
  if (!m) return {};
  const out: SourceMeta = { outlet: outletName(m[4].trim()) };
  if (m[1] && m[3]) {
    const d = iso(+m[3], monthOf(m[1]), +m[2]);
    if (d) out.date = d;
  }
  return out;
}

/** A dateline's month and day when it gives no year ("WASHINGTON, Nov. 3 (Reuters) -"), as written. */
export function datelineDay(text: string): { month: number; day: number; written: string } | undefined {
  const m = DATELINE_RE.exec(text.slice(0, DATELINE_WINDOW));
  if (!m || !m[1] || m[3]) return undefined;
  const month = monthOf(m[1]);
  const day = +m[2];
  // A day that exists in some year (29 February needs the year to be checked).
  if (month < 1 || !iso(2000, month, day)) return undefined;
  return { month, day, written: `${m[1]} ${m[2]}` };
}

/** A year some other part of a source states, and the month with it when known. */
export interface YearHint {
  year: number;
  month?: number;
  /** Where it was read, in words ("the URL", "the folder 2024"). */
  from: string;
}

/** The year (and month) a news URL states: /2024/11/03/, /2024/11/, -2024-11-03, /20241103/. */
export function urlYear(url: string | undefined): YearHint | undefined {
  if (!url) return undefined;
  const path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  const m = /(?:^|[/_-])((?:19|20)\d{2})(?:[/_-](0[1-9]|1[0-2])(?:[/_-](0[1-9]|[12]\d|3[01]))?|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?=[/_.-]|$)/.exec(path);
  if (!m) return undefined;
  return { year: +m[1], month: +(m[2] ?? m[4]), from: 'the URL' };
}

/** A "Published Nov. 4, 2024" (or "Posted on …") line near the top; an "Updated" line is left out, since an update can come a year later. */
const PUBLISHED_LINE_RE = /^[ \t]*(?:published|posted)(?:[ \t]+on)?:?[ \t]+(.+?)[ \t]*$/im;

/** The year and month a "Published …" line near the top of the text gives. */
export function publishedYear(text: string): YearHint | undefined {
  const date = parseDate(PUBLISHED_LINE_RE.exec(text.slice(0, DATELINE_WINDOW))?.[1]);
  return date ? { year: +date.slice(0, 4), month: +date.slice(5, 7), from: 'the "Published" line' } : undefined;
}

/**
 * Years a source's path below its corpus folder states: a folder named as a
 * year ("2024/"), or a folder or file name that opens with a year and month
 * ("2024-11/", "2024-11-03-storm.txt"). A number elsewhere in a name
 * ("top-2000-songs.txt") is not a year.
 */
export function pathYears(relativePath: string | undefined): YearHint[] {
  if (!relativePath) return [];
  const out: YearHint[] = [];
  const parts = relativePath.split(/[\\/]/);
  parts.forEach((part, i) => {
    const folder = i < parts.length - 1;
    const m = /^((?:19|20)\d{2})(?:[-_](0[1-9]|1[0-2])(?:[-_](?:0[1-9]|[12]\d|3[01]))?)?(?=$|[^\d])/.exec(part);
    if (!m || (!m[2] && !(folder && part === m[1]))) return;
    out.push({ year: +m[1], ...(m[2] ? { month: +m[2] } : {}), from: `the ${folder ? 'folder' : 'file name'} ${JSON.stringify(part)}` });
  });
  return out;
}

/**
 * A dateline's day with the year the source's other metadata gives, only
 * when that is unambiguous: every hint names the same year, and none names
 * another month. Undefined otherwise (the source stays undated).
 */
export function dateWithYear(day: { month: number; day: number; written: string }, hints: YearHint[]): Pick<SourceMeta, 'date' | 'dateFrom'> | undefined {
  if (!hints.length) return undefined;
  const years = new Set(hints.map((h) => h.year));
  if (years.size !== 1 || hints.some((h) => h.month !== undefined && h.month !== day.month)) return undefined;
  const year = hints[0].year;
  const date = iso(year, day.month, day.day);
  if (!date) return undefined;
  const from = [...new Set(hints.map((h) => h.from))].join(' and ');
  return { date, dateFrom: `the dateline gives ${day.written}; the year ${year} is from ${from}` };
}

/** More words than this, ending as a sentence ends, is a lead paragraph rather than a headline. */
const HEADLINE_MAX_WORDS = 12;

/**
 * The first line of a plain-text source (or the first heading of a Markdown
 * one), as its headline: unless it is plainly the story's first paragraph (a
 * long sentence with its full stop), which no one would cite as a headline.
 */
export function firstLine(text: string, markdown: boolean): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line) continue;
    const heading = markdown && /^#{1,6}\s/.test(line);
    const clean = (markdown ? line.replace(/^#{1,6}\s+/, '').replace(/[*_`]/g, '') : line).trim();
    if (!heading && /[.!?]["”’)]?$/.test(clean) && clean.split(/\s+/).length > HEADLINE_MAX_WORDS) return undefined;
    return clean || undefined;
  }
  return undefined;
}

/** What a source's own text says of it: dateline, "Original Source:" line, first line. */
export function metaFromText(text: string, markdown: boolean): SourceMeta {
  const copied = declaredCopy(text)?.written;
  return mergeMeta(dateline(text), copied ? { copiedFrom: outletName(copied) } : undefined, { headline: firstLine(text, markdown) });
}

/** Shortened at a word boundary, with an ellipsis. */
export function shorten(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '') + '…';
}

/** How long a headline may be where a source is named in a line. */
const LABEL_HEADLINE = 50;

/**
 * How a source is named wherever it is shown: outlet, "headline", date, as
 * far as they are known (`CNN, "US not pursuing ceasefire…", 7 Oct 2024`);
 * a copy without an outlet of its own says what it copies; the file's id
 * only when nothing at all is known.
 */
export function sourceLabel(meta: SourceMeta, id: string): string {
  const parts: string[] = [];
  if (meta.outlet) parts.push(meta.outlet);
  if (meta.headline) parts.push(`"${shorten(meta.headline, LABEL_HEADLINE).replace(/"/g, "'")}"`);
  if (meta.date) parts.push(formatDate(meta.date, 'short'));
  if (!meta.outlet && meta.copiedFrom) {
    // A copy known only by what it copies is told apart from other copies by its file.
    const copy = `copy of ${outletName(meta.copiedFrom)}`;
    return parts.length ? `${parts.join(', ')} (${copy})` : `${id} (${copy})`;
  }
  return parts.length ? parts.join(', ') : id;
}
