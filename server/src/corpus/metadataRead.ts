// One source file as the engine reads it: the text to analyse and what the
// file says of itself. Text and Markdown may open with YAML front matter
// (blanked before analysis, so offsets stay those of the file); a saved web
// page is reduced to its main text (html.ts). Pure, so it runs in indexing
// workers too.

import { formatOf } from '../analysis/analyze.js';
import type { Format } from '../analysis/types.js';
import { HTML_EXT_RE, readHtml } from './html.js';
import { blankFrontMatter, frontMatter, mergeMeta, metaFromText, type SourceMeta } from './metadata.js';

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

export function readSource(path: string, raw: string): ReadSource {
  if (HTML_EXT_RE.test(path)) {
    const page = readHtml(raw);
    if (!page.ok) return { ok: false, message: `the web page ${page.message}` };
    return { ok: true, text: page.text, analysed: page.text, format: 'plaintext', meta: { found: mergeMeta(page.meta, metaFromText(page.text, false)) }, map: page.map };
  }
  const format = formatOf(path);
  const fm = frontMatter(raw);
  const analysed = blankFrontMatter(raw, fm.end);
  const meta: MetaLayers = { found: metaFromText(analysed.slice(fm.end), format === 'markdown') };
  if (Object.keys(fm.meta).length) meta.declared = fm.meta;
  if (fm.problems.length) meta.problems = fm.problems;
  return { ok: true, text: raw, analysed, format, meta };
}
