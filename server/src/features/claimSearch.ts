// Workspace-wide claim search: workspace/symbol (Ctrl+T) and the list behind
// the "Search Claims" command. Matching is by words, names and numbers:
// "Gallant", "1,400" (also found as "1400"), "ceasefire" (also "cease-fire").

import { pathToFileURL } from 'node:url';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import { normalizeQuotes } from '../analysis/text.js';
import type { Span } from '../analysis/types.js';
import { LineIndex } from '../positions.js';
import { describeFigure } from '../analysis/describe.js';
import type { Article } from '../workspaceIndex.js';

export type ClaimState = 'corroborated' | 'contradicted' | 'no source';

/** One claim as the Search Claims list shows it (the `claimlens/claims` request). */
export interface ClaimItem {
  uri: string;
  file: string;
  range: ReturnType<LineIndex['range']>;
  text: string;
  state: ClaimState;
  sources: number;
  /** The supporting sources as people know them (outlet, "headline", date), originals first. */
  sourceNames: string[];
  officials: string[];
  kinds: string[];
}

interface Searchable {
  name: string;
  detail: string;
  kind: SymbolKind;
  span: Span;
  haystack: string;
}

const MAX_SYMBOLS = 500;
const cache = new WeakMap<Article['result'], Searchable[]>();
const lineCache = new WeakMap<Article['result'], LineIndex>();

/** Lower case, straight quotes, no hyphens, and numbers without separators. */
export function normalizeForSearch(s: string): string {
  return normalizeQuotes(s)
    .toLowerCase()
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/-/g, '')
    .replace(/\s+/g, ' ');
}

function searchables(a: Article): Searchable[] {
  let list = cache.get(a.result);
  if (list) return list;
  const { analysis } = a.result;
  list = [
    ...analysis.officials.map((o) => ({ name: o.name, detail: o.title ?? '', kind: SymbolKind.Object, span: o, haystack: normalizeForSearch(`${o.name} ${o.text} ${o.title ?? ''}`) })),
    ...analysis.figures.map((f) => ({ name: f.text, detail: describeFigure(f), kind: SymbolKind.Number, span: f, haystack: normalizeForSearch(`${f.text} ${f.class}`) })),
    ...analysis.claims.map((c) => {
      const names = c.officials.map((i) => analysis.officials[i].name).join(' ');
      return { name: c.text.replace(/\s+/g, ' '), detail: '', kind: SymbolKind.String, span: c, haystack: normalizeForSearch(`${c.text} ${names}`) };
    }),
  ];
  cache.set(a.result, list);
  return list;
}

function lines(a: Article): LineIndex {
  let l = lineCache.get(a.result);
  if (!l) {
    l = new LineIndex(a.text);
    lineCache.set(a.result, l);
  }
  return l;
}

export function workspaceSymbols(articles: Article[], query: string, relativeTo: (path: string) => string): SymbolInformation[] {
  const tokens = normalizeForSearch(query).split(' ').filter(Boolean);
  const out: SymbolInformation[] = [];
  for (const a of articles) {
    const uri = pathToFileURL(a.path).toString();
    for (const s of searchables(a)) {
      if (!tokens.every((t) => s.haystack.includes(t))) continue;
      out.push({ name: s.name, kind: s.kind, location: { uri, range: lines(a).range(s.span.start, s.span.end) }, containerName: relativeTo(a.path) });
      if (out.length >= MAX_SYMBOLS) return out;
    }
  }
  // Officials, then figures, then claims: a name or a number is usually what is searched for.
  const order: SymbolKind[] = [SymbolKind.Object, SymbolKind.Number, SymbolKind.String];
  return out.sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
}

export function claimItems(articles: Article[], relativeTo: (path: string) => string): ClaimItem[] {
  const items: ClaimItem[] = [];
  for (const a of articles) {
    const { analysis, support, findings } = a.result;
    const uri = pathToFileURL(a.path).toString();
    analysis.claims.forEach((c, i) => {
      const contradicted = findings.some((f) => f.start < c.end && f.end > c.start);
      items.push({
        uri,
        file: relativeTo(a.path),
        range: lines(a).range(c.start, c.end),
        text: c.text.replace(/\s+/g, ' '),
        state: contradicted ? 'contradicted' : support[i].length ? 'corroborated' : 'no source',
        sources: new Set(support[i].map((s) => s.sourcePath)).size,
        sourceNames: [...new Set(support[i].map((s) => s.sourceName ?? s.sourceId))],
        officials: [...new Set(c.officials.map((k) => analysis.officials[k].name))],
        kinds: c.reasons,
      });
    });
  }
  return items;
}
