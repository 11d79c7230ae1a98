// The CLI's two outputs: the JSON contract of DESIGN.md and a readable report.

import { describeInterval } from './analysis/readings.js';
import type { Figure } from './analysis/types.js';
import type { CheckResult } from './engine.js';
import { severityOf } from './evidence/findingKinds.js';
import { LineIndex } from './positions.js';

export interface FileReport {
  file: string;
  text: string;
  result: CheckResult;
}

export function jsonReport({ file, result }: FileReport) {
  const { analysis } = result;
  return {
    file,
    figures: analysis.figures.map((f) => ({
      start: f.start,
      end: f.end,
      text: f.text,
      low: f.low,
      high: f.high,
      counts: f.counts,
      class: f.class,
      verb: f.verb ?? null,
      reading: f.reading,
    })),
    officials: analysis.officials.map((o) => ({ start: o.start, end: o.end, text: o.text, name: o.name, title: o.title ?? null })),
    quotes: analysis.quotes.map((q) => ({ start: q.start, end: q.end, text: q.text, speaker: q.speaker ?? null })),
    claims: analysis.claims.map((c, i) => ({
      start: c.start,
      end: c.end,
      text: c.text,
      support: result.support[i].map((s) => ({ source: s.sourceId, start: s.start, end: s.end, text: s.text, score: round(s.score) })),
    })),
    findings: result.findings.map((f) => ({
      start: f.start,
      end: f.end,
      kind: f.kind,
      severity: severityOf(f.kind, f.tier),
      tier: f.tier,
      message: f.message,
      source: f.sourceId,
      sourceStart: f.sourceStart,
      sourceEnd: f.sourceEnd,
    })),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export function describeFigure(f: Figure): string {
  const what = [f.class === 'count' ? f.head || 'items' : f.class, f.verb ? `(${f.verb})` : ''].filter(Boolean).join(' ');
  return `${describeInterval(f)}, ${what}`;
}

interface Style {
  color: boolean;
}

export function humanReport(reports: FileReport[], style: Style): string {
  const c = (code: string, s: string) => (style.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  let total = 0;
  for (const { file, text, result } of reports) {
    const lines = new LineIndex(text);
    const at = (offset: number) => {
      const p = lines.positionAt(offset);
      return `${p.line + 1}:${p.character + 1}`.padEnd(8);
    };
    const { analysis } = result;
    out.push(c('4', file));
    if (analysis.figures.length) {
      out.push(c('1', '  Figures'));
      for (const f of analysis.figures) out.push(`    ${at(f.start)}${f.text}  ${c('2', '→ ' + describeFigure(f))}`);
    }
    if (analysis.officials.length) {
      out.push(c('1', '  Officials'));
      for (const o of analysis.officials) {
        const resolved = o.text !== o.name ? ` → ${o.name}` : '';
        out.push(`    ${at(o.start)}${o.text}${resolved}  ${c('2', o.title ?? '')}`);
      }
    }
    if (analysis.quotes.length) {
      out.push(c('1', '  Quotes'));
      for (const q of analysis.quotes) out.push(`    ${at(q.start)}"${ellipsis(q.text, 60)}"  ${c('2', q.speaker ? '— ' + q.speaker : '(unattributed)')}`);
    }
    const supported = result.support.filter((s) => s.length).length;
    out.push(c('1', `  Claims: ${analysis.claims.length}, ${supported} corroborated by sources`));
    for (let i = 0; i < analysis.claims.length; i++) {
      const support = result.support[i];
      if (!support.length) continue;
      const sources = [...new Set(support.map((s) => s.sourceId))];
      out.push(`    ${at(analysis.claims[i].start)}${c('32', '✓')} ${ellipsis(analysis.claims[i].text, 60)}  ${c('2', sources.join(', '))}`);
    }
    if (result.findings.length) {
      out.push(c('1', '  Findings'));
      for (const f of result.findings) {
        const severity = severityOf(f.kind, f.tier);
        out.push(`    ${at(f.start)}${c(severity === 'error' || severity === 'warning' ? '33' : '36', severity.padEnd(11))}  ${f.message}  ${c('2', f.kind)}`);
      }
    }
    total += result.findings.length;
    out.push('');
  }
  out.push(total ? c('33', `✖ ${total} finding${total === 1 ? '' : 's'}`) : c('32', '✔ no findings'));
  return out.join('\n') + '\n';
}

function ellipsis(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}
