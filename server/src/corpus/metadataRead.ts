// One source file as the engine reads it: the text to analyse and what the
// file says of itself. Text and Markdown may open with YAML front matter
// (blanked before analysis, so offsets stay those of the file); a saved web
// page is reduced to its main text (html.ts). Pure, so it runs in indexing
// workers too.

import { formatOf } from '../analysis/analyze.js';
import type { Format } from '../analysis/types.js';
import { HTML_EXT_RE, readHtml } from './html.js';
import { blankFrontMatter, datelineDay, dateWithYear, frontMatter, mergeMeta, metaFromText, pathYears, publishedYear, urlYear, type SourceMeta } from './metadata.js';

/** What a source's file says of it, by trust: front matter outranks a sidecar, which outranks what is found in the text. */
export interface MetaLayers {
  /** YAML front matter. */
  declared?: SourceMeta;
  /** The page's meta tags, a dateline, an "Original Source:" line, the first line. */
  found: SourceMeta;
  /** Why declared metadata could not be used (one line each). */
  problems?: string[];
}

export type ReadSource =
  | { ok: true; text: string; analysed: string; format: Format; meta: MetaLayers; map?: Uint32Array }
  | { ok: false; message: string };

/** `relative` is the file's path below its corpus folder: a year in its folders may date a dateline that has none. */
export function readSource(path: string, raw: string, relative?: string): ReadSource {
  if (HTML_EXT_RE.test(path)) {
    const page = readHtml(raw);
    if (!page.ok) return { ok: false, message: `the web page ${page.message}` };
    const found = mergeMeta(page.meta, metaFromText(page.text, false));
    return { ok: true, text: page.text, analysed: page.text, format: 'plaintext', meta: { found: withDatelineYear(found, page.text, relative) }, map: page.map };
  }
  const format = formatOf(path);
  const fm = frontMatter(raw);
  const analysed = blankFrontMatter(raw, fm.end);
  const body = analysed.slice(fm.end);
  const meta: MetaLayers = { found: withDatelineYear(metaFromText(body, format === 'markdown'), body, relative, fm.meta.date ? undefined : fm.meta.url) };
  if (Object.keys(fm.meta).length) meta.declared = fm.meta;
  if (fm.problems.length) meta.problems = fm.problems;
  return { ok: true, text: raw, analysed, format, meta };
}

/**
 * A dateline without a year ("WASHINGTON, Nov. 3 (Reuters) -") dated by the
 * year the source's own URL, a "Published …" line or its folders state, when
 * they agree; never by
 * the file's modification time, which says when it was saved, not published.
 */
function withDatelineYear(found: SourceMeta, text: string, relative: string | undefined, declaredUrl?: string): SourceMeta {
  if (found.date) return found;
  const day = datelineDay(text);
  if (!day) return found;
  const hints = [urlYear(declaredUrl ?? found.url), publishedYear(text), ...pathYears(relative)].filter((h) => h !== undefined);
  const dated = dateWithYear(day, hints);
  return dated ? { ...found, ...dated } : found;
}
