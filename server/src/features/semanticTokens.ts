// Semantic tokens: figures, officials (with their titles) and quotes, so
// themes can colour what the analysis found rather than what a regex guessed.

import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import { mentionSpan } from '../analysis/types.js';
import type { Entry } from '../session.js';

/** Token types are declared in package.json contributes.semanticTokenTypes with standard super types. */
export const LEGEND: SemanticTokensLegend = {
  tokenTypes: ['figure', 'official', 'quote', 'title'],
  tokenModifiers: ['contradicted', 'corroborated'],
};

const TYPE = { figure: 0, official: 1, quote: 2, title: 3 } as const;
const MOD = { contradicted: 1, corroborated: 2 } as const;

interface Tok {
  start: number;
  end: number;
  type: number;
  mods: number;
}

export function semanticTokens(entry: Entry): SemanticTokens {
  const { analysis, findings, support } = entry.result;
  const toks: Tok[] = [];
  const contradicted = (s: number, e: number) => findings.some((f) => f.start < e && f.end > s);
  const corroborated = (s: number, e: number) => analysis.claims.some((c, i) => support[i]?.length && c.start <= s && c.end >= e);
  const mods = (s: number, e: number) => (contradicted(s, e) ? MOD.contradicted : corroborated(s, e) ? MOD.corroborated : 0);
  for (const f of analysis.figures) toks.push({ start: f.start, end: f.end, type: TYPE.figure, mods: mods(f.start, f.end) });
  for (const o of analysis.officials) {
    if (o.titleSpan) toks.push({ start: o.titleSpan.start, end: o.titleSpan.end, type: TYPE.title, mods: mods(mentionSpan(o).start, mentionSpan(o).end) });
    toks.push({ start: o.start, end: o.end, type: TYPE.official, mods: 0 });
  }
  // Tokens may not overlap: a quote is cut around the figures and officials inside it.
  const taken = toks.map((t) => [t.start, t.end] as const).sort((a, b) => a[0] - b[0]);
  for (const q of analysis.quotes) {
    let s = q.start;
    for (const [ts, te] of taken) {
      if (te <= s || ts >= q.end) continue;
      if (ts > s) toks.push({ start: s, end: ts, type: TYPE.quote, mods: mods(q.start, q.end) });
      s = Math.max(s, te);
    }
    if (s < q.end) toks.push({ start: s, end: q.end, type: TYPE.quote, mods: mods(q.start, q.end) });
  }
  return { data: encode(entry, toks) };
}

/** LSP's relative encoding; tokens are split at line ends because clients do not accept multi-line tokens. */
function encode(entry: Entry, toks: Tok[]): number[] {
  const pieces: { line: number; char: number; length: number; type: number; mods: number }[] = [];
  for (const t of toks) {
    let s = t.start;
    while (s < t.end) {
      const p = entry.lines.positionAt(s);
      const lineEnd = entry.lines.offsetAt({ line: p.line + 1, character: 0 });
      let e = Math.min(t.end, lineEnd);
      while (e > s && (entry.text[e - 1] === '\n' || entry.text[e - 1] === '\r')) e--;
      if (e > s) pieces.push({ line: p.line, char: p.character, length: e - s, type: t.type, mods: t.mods });
      if (lineEnd <= s) break;
      s = lineEnd;
    }
  }
  pieces.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const p of pieces) {
    // A figure and an official never share characters, but stay safe: the first token wins.
    if (p.line === lastLine && p.char < lastEnd) continue;
    data.push(p.line - line, p.line === line ? p.char - char : p.char, p.length, p.type, p.mods);
    line = p.line;
    char = p.char;
    lastLine = p.line;
    lastEnd = p.char + p.length;
  }
  return data;
}
