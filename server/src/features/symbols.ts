// Outline (textDocument/documentSymbol): the article's officials, figures and
// claims, each group a container so the Outline view reads like an index.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { mentionSpan, type Span } from '../analysis/types.js';
import { describeFigure } from '../analysis/describe.js';
import type { Entry } from '../session.js';
import { short } from './hover.js';

export function documentSymbols(entry: Entry): DocumentSymbol[] {
  const { analysis } = entry.result;
  const sym = (name: string, detail: string, kind: SymbolKind, span: Span, selection: Span = span): DocumentSymbol => ({
    name: name.trim() || '(empty)',
    detail,
    kind,
    range: entry.lines.range(span.start, span.end),
    selectionRange: entry.lines.range(selection.start, selection.end),
  });
  const group = (name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol[] => {
    if (!children.length) return [];
    return [
      {
        name,
        detail: String(children.length),
        kind,
        range: { start: children[0].range.start, end: children[children.length - 1].range.end },
        selectionRange: children[0].selectionRange,
        children,
      },
    ];
  };
  const officials = analysis.officials.map((o) =>
    sym(o.name, o.title ?? '', SymbolKind.Object, mentionSpan(o), o),
  );
  const figures = analysis.figures.map((f) => sym(f.text, describeFigure(f), SymbolKind.Number, f));
  const claims = analysis.claims.map((c, i) => {
    const support = entry.result.support[i]?.length ?? 0;
    const findings = entry.result.findings.filter((f) => f.start >= c.start && f.end <= c.end).length;
    const state = findings ? 'contradicted' : support ? 'corroborated' : c.reasons.join(', ');
    return sym(short(c.text, 80), state, SymbolKind.String, c);
  });
  return [...group('Officials', SymbolKind.Namespace, officials), ...group('Figures', SymbolKind.Namespace, figures), ...group('Claims', SymbolKind.Namespace, claims)];
}
