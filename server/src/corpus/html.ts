// Saved web pages as sources. The page's main text is found by Mozilla's
// Readability (the reader view of Firefox) on linkedom, a light DOM; what
// the page says of itself comes from its <meta> tags, JSON-LD and canonical
// link. The text the engine analyses is the headline on the first line and
// one paragraph per line, and every stretch of it is mapped back to where
// it stands in the HTML file, so a passage opens in the page's own file, in
// any editor, at the words it quotes (see `htmlOffset`).

import { Readability } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { mergeMeta, outletName, parseDate, type SourceMeta } from './metadata.js';

// The little of the DOM this module reads (the project compiles without the DOM library).
interface DomNode {
  nodeType: number;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  textContent: string | null;
  tagName?: string;
  getAttribute(name: string): string | null;
}
interface DomDocument {
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode>;
}

/** A selector that is only a list of tag names ("p, div, section"). */
const TAG_LIST_RE = /^\s*[a-zA-Z][a-zA-Z0-9-]*(?:\s*,\s*[a-zA-Z][a-zA-Z0-9-]*)*\s*$/;

interface TreeNode {
  localName: string;
  firstElementChild: TreeNode | null;
  nextElementSibling: TreeNode | null;
  parentNode: TreeNode | null;
}

/**
 * Readability asks for elements by lists of tag names (querySelectorAll("p,
 * div, …")) dozens of times a page, and linkedom compiles every selector anew,
 * which was a quarter of reading a page. Lists of tag names are answered by a
 * walk in document order instead, as linkedom's own walk does (the children of a
 * <template> are not searched; tag names compare without case in an HTML
 * document, the only kind parseHTML makes); any other selector goes to linkedom.
 */
function answerTagListsByWalking(): void {
  const { document } = parseHTML('<html><body><p></p></body></html>') as unknown as { document: { body: object; querySelectorAll(s: string): unknown[] } };
  const NodeList = document.querySelectorAll('p').constructor as new () => TreeNode[];
  for (const owner of [document, document.body]) {
    let proto = Object.getPrototypeOf(owner) as Record<string, unknown> | null;
    while (proto && !Object.prototype.hasOwnProperty.call(proto, 'querySelectorAll')) proto = Object.getPrototypeOf(proto) as Record<string, unknown> | null;
    if (!proto || (proto.querySelectorAll as { byWalk?: boolean }).byWalk) continue;
    const original = proto.querySelectorAll as (this: TreeNode, selectors: string) => TreeNode[];
    const byWalk = function (this: TreeNode, selectors: string): TreeNode[] {
      if (typeof selectors !== 'string' || !TAG_LIST_RE.test(selectors)) return original.call(this, selectors);
      const tags = new Set(selectors.split(',').map((t) => t.trim().toLowerCase()));
      const out = new NodeList();
      // Iterative, so a page nested thousands deep cannot overflow the stack.
      let node: TreeNode | null = this.firstElementChild;
      while (node) {
        if (tags.has(node.localName.toLowerCase())) out.push(node);
        let next: TreeNode | null = node.localName === 'template' ? null : node.firstElementChild;
        while (!next && node) {
          next = node.nextElementSibling;
          if (!next) {
            node = node.parentNode;
            if (node === this) node = null;
          }
        }
        node = next;
      }
      return out;
    };
    proto.querySelectorAll = Object.assign(byWalk, { byWalk: true });
  }
}
answerTagListsByWalking();

function dom(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document;
}

export type HtmlResult = { ok: true; text: string; meta: SourceMeta; map: Uint32Array } | { ok: false; message: string };

const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'div', 'section', 'article', 'figcaption', 'td', 'th', 'dd', 'dt', 'br', 'tr', 'ul', 'ol', 'table', 'header', 'footer', 'aside']);
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title']);
/** Less text than this is not an article (about two sentences). */
const MIN_ARTICLE_CHARS = 80;
const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|OpinionNewsArticle|Report)$/;

/** The main text, metadata and offset map of a saved web page, or why it cannot be read. */
export function readHtml(html: string): HtmlResult {
  if (!/<(?:html|body|head|p|article|div|meta|title)\b/i.test(html)) return { ok: false, message: 'does not look like an HTML page' };
  let document: DomDocument;
  try {
    document = dom(html);
  } catch (e) {
    return { ok: false, message: `is not HTML that can be read (${(e as Error).message})` };
  }
  const own = pageMeta(document);
  let article: ReturnType<Readability<DomNode>['parse']>;
  try {
    // The article's element itself, not HTML to parse a second time.
    article = new Readability<DomNode>(document as never, { charThreshold: 100, serializer: (node) => node as unknown as DomNode }).parse();
  } catch (e) {
    return { ok: false, message: `has no article text that can be read (${(e as Error).message})` };
  }
  const paragraphs = article?.content ? paragraphsOf(article.content) : [];
  // A page with a line or two of text is a menu or an error page, not an article.
  if (paragraphs.join(' ').length < MIN_ARTICLE_CHARS) return { ok: false, message: 'has no article text' };
  const fromReader: SourceMeta = {
    headline: clean(article?.title),
    outlet: clean(article?.siteName),
    authors: article?.byline ? [clean(article.byline)!.replace(/^by\s+/i, '')] : undefined,
    date: parseDate(article?.publishedTime ?? undefined),
  };
  // The <title> tag comes last: it often carries the site's name, which Readability's title has cut.
  const meta = mergeMeta(own, fromReader, { headline: clean(document.querySelector('title')?.textContent) });
  if (meta.outlet) meta.outlet = outletName(meta.outlet);
  for (const k of Object.keys(meta) as (keyof SourceMeta)[]) if (meta[k] === undefined) delete meta[k];
  // The headline is the text's first line, as in a plain-text source; the body repeats it only if the page does.
  const lines = meta.headline && paragraphs[0] !== meta.headline ? [meta.headline, ...paragraphs] : paragraphs;
  const text = lines.join('\n') + '\n';
  return { ok: true, text, meta, map: offsetMap(html, lines) };
}

function clean(s: string | null | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** Paragraphs of the reader view's content: each block element's text, whitespace collapsed. */
function paragraphsOf(root: DomNode): string[] {
  const out: string[] = [];
  let buf = '';
  const flush = () => {
    const t = buf.replace(/\s+/g, ' ').trim();
    if (t) out.push(t);
    buf = '';
  };
  const walk = (node: DomNode) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) buf += c.textContent ?? '';
      else if (c.nodeType === 1) {
        const tag = (c.tagName ?? '').toLowerCase();
        if (HIDDEN.has(tag)) continue;
        const block = BLOCKS.has(tag);
        if (block) flush();
        walk(c);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return out;
}

/** What the page's head says: JSON-LD first, then Open Graph and other <meta>. */
export function pageMeta(doc: DomDocument): SourceMeta {
  // One pass over the <meta> tags, looked up by hand: linkedom compiles a selector on every query,
  // which cost more than the lookups themselves. Attribute values compare case-sensitively, as in the selectors.
  const metas = [...doc.querySelectorAll('meta')];
  const meta = (...names: string[]): string | undefined => {
    for (const n of names) {
      const el = metas.find((m) => m.getAttribute('property') === n || m.getAttribute('name') === n || m.getAttribute('itemprop') === n);
      const v = clean(el?.getAttribute('content'));
      if (v) return v;
    }
    return undefined;
  };
  const authors = metas
    .filter((m) => m.getAttribute('name') === 'author' || m.getAttribute('property') === 'article:author')
    .map((m) => clean(m.getAttribute('content')))
    .filter((a): a is string => Boolean(a) && !/^https?:/.test(a!));
  const canonical = clean(doc.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const fromTags: SourceMeta = {
    headline: meta('og:title', 'twitter:title', 'headline'),
    outlet: meta('og:site_name', 'application-name', 'publisher'),
    authors: authors.length ? [...new Set(authors)] : undefined,
    date: parseDate(meta('article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued', 'sailthru.date')),
    url: [canonical, meta('og:url')].find((u) => u && /^https?:\/\//i.test(u)),
    doi: meta('citation_doi', 'dc.identifier')?.replace(/^doi:/i, ''),
  };
  return mergeMeta(jsonLd(doc), fromTags);
}

/** The first article object in the page's JSON-LD (also inside @graph); malformed blocks are passed over. */
function jsonLd(doc: DomDocument): SourceMeta | undefined {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue;
    }
    const items: unknown[] = [];
    const collect = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(collect);
      else if (x && typeof x === 'object') {
        items.push(x);
        const graph = (x as Record<string, unknown>)['@graph'];
        if (graph) collect(graph);
      }
    };
    collect(data);
    const article = items.find((x) => [(x as Record<string, unknown>)['@type']].flat().some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) as Record<string, unknown> | undefined;
    if (!article) continue;
    const name = (x: unknown): string | undefined => (typeof x === 'string' ? clean(x) : x && typeof x === 'object' ? clean(String((x as Record<string, unknown>).name ?? '')) : undefined);
    const authors = [article.author].flat().map(name).filter((a): a is string => Boolean(a));
    const main = article.mainEntityOfPage;
    const url = [article.url, typeof main === 'string' ? main : (main as Record<string, unknown> | undefined)?.['@id']].find((u): u is string => typeof u === 'string' && /^https?:\/\//i.test(u));
    return {
      headline: name(article.headline) ?? name(article.name),
      outlet: name(article.publisher),
      authors: authors.length ? authors : undefined,
      date: parseDate(article.datePublished ?? article.dateCreated),
      url,
    };
  }
  return undefined;
}

/**
 * Where each stretch of the text stands in the HTML: pairs (text offset,
 * HTML offset), one per run of characters that follow each other in both.
 * The page's visible text is laid out with its HTML offsets (tags skipped,
 * entities decoded, whitespace collapsed), and each line of the text is
 * found in it, in order. A line Readability rewrote beyond recognition is
 * not mapped; it points where the line before it does.
 */
export function offsetMap(html: string, lines: string[]): Uint32Array {
  let stream = '';
  const at: number[] = [];
  let hidden = 0;
  let space = true;
  let parser: Parser;
  const push = (data: string, start: number, exact: boolean) => {
    for (let j = 0; j < data.length; j++) {
      const ch = data[j];
      if (isSpace(data.charCodeAt(j))) {
        if (space) continue;
        space = true;
        stream += ' ';
      } else {
        space = false;
        stream += ch;
      }
      at.push(exact ? start + j : start);
    }
  };
  parser = new Parser(
    {
      onopentagname: (name) => {
        if (HIDDEN.has(name)) hidden++;
        else if (BLOCKS.has(name) && !space) push(' ', parser.startIndex, false);
      },
      onclosetag: (name, implied) => {
        if (HIDDEN.has(name) && !implied) hidden = Math.max(0, hidden - 1);
        else if (BLOCKS.has(name) && !space) push(' ', parser.startIndex, false);
      },
      ontext: (data) => {
        if (hidden) return;
        const start = parser.startIndex;
        // An entity arrives decoded and shorter than its source: its characters all point at the entity.
        push(data, start, parser.endIndex - start + 1 === data.length);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  const runs: number[] = [];
  let textOffset = 0;
  let cursor = 0;
  for (const line of lines) {
    let found = stream.indexOf(line, cursor);
    if (found < 0) found = stream.indexOf(line);
    if (found >= 0) {
      cursor = found + line.length;
      for (let j = 0; j < line.length; j++) {
        const h = at[found + j];
        const n = runs.length;
        if (n && runs[n - 1] + (textOffset + j - runs[n - 2]) === h) continue;
        runs.push(textOffset + j, h);
      }
    }
    textOffset += line.length + 1;
  }
  return Uint32Array.from(runs);
}

/** What `/\s/` matches, without a regular expression per character of the page. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The HTML offset of a text offset, by the map of `offsetMap` (0 before the first mapped run). */
export function htmlOffset(map: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = map.length / 2 - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid * 2] <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best < 0 ? 0 : map[best * 2 + 1] + (offset - map[best * 2]);
}

export const HTML_EXT_RE = /\.html?$/i;
