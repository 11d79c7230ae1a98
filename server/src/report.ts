// The CLI's outputs: the JSON contract of DESIGN.md (and its v2 envelope
// with the problems beside the reports), a readable report, SARIF 2.1.0 for
// code-scanning dashboards and GitHub workflow-command annotations.

import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeFigure } from './analysis/describe.js';
import type { SourceMeta } from './corpus/metadata.js';
import type { CheckResult } from './engine.js';
import { findingKind, severityOf, type SeverityOverrides } from './evidence/findingKinds.js';
import { LineIndex } from './positions.js';

export interface FileReport {
  /** As given on the command line ("-" for standard input). */
  file: string;
  /** The name to show for it (--stdin-filename for standard input). */
  name?: string;
  text: string;
  result: CheckResult;
  /** Severity overrides (--severity); the registry's defaults otherwise. */
  severity?: SeverityOverrides;
}

/** A source that was skipped or a folder that could not be read: the editor shows the same. */
export interface Problem {
  path: string;
  message: string;
  severity: 'warning' | 'info';
}

export function jsonReport({ file, name, result, severity }: FileReport) {
  const { analysis } = result;
  return {
    file: name ?? file,
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
      support: result.support[i].map((s) => ({ source: s.sourceId, start: s.start, end: s.end, text: s.text, score: round(s.score), why: s.why, ...sourceFields(s) })),
    })),
    findings: result.findings.map((f) => ({
      start: f.start,
      end: f.end,
      kind: f.kind,
      severity: severityOf(f.kind, f.tier, severity),
      tier: f.tier,
      message: f.message,
      source: f.sourceId,
      sourceStart: f.sourceStart,
      sourceEnd: f.sourceEnd,
      ...sourceFields(f),
    })),
  };
}

/** How the source is named and what is known of it (unknown fields are null): added fields, `source` stays the path. */
function sourceFields(s: { sourceId: string; sourceName?: string; sourceMeta?: SourceMeta }) {
  const m = s.sourceMeta ?? {};
  return {
    sourceName: s.sourceName ?? s.sourceId,
    sourceMeta: { headline: m.headline ?? null, outlet: m.outlet ?? null, authors: m.authors ?? [], date: m.date ?? null, url: m.url ?? null, copiedFrom: m.copiedFrom ?? null },
  };
}

/** `--json=v2`: the reports (each as in the v1 array) and the problems met on the way. */
export function jsonReportV2(reports: FileReport[], problems: Problem[]) {
  return { version: 2, reports: reports.map(jsonReport), problems: problems.map(({ path, message, severity }) => ({ path, message, severity })) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

interface Style {
  color: boolean;
}

/**
 * Colour only for a terminal, and never when NO_COLOR is set (no-color.org);
 * FORCE_COLOR asks for it in a pipe.
 */
export function colorWanted(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

export function humanReport(reports: FileReport[], style: Style): string {
  const c = (code: string, s: string) => (style.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const out: string[] = [];
  let total = 0;
  for (const { file, name, text, result, severity: overrides } of reports) {
    const lines = new LineIndex(text);
    const at = (offset: number) => {
      const p = lines.positionAt(offset);
      return `${p.line + 1}:${p.character + 1}`.padEnd(8);
    };
    const { analysis } = result;
    out.push(c('4', name ?? file));
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
      const sources = [...new Set(support.map((s) => s.sourceName ?? s.sourceId))];
      out.push(`    ${at(analysis.claims[i].start)}${c('32', '✓')} ${ellipsis(analysis.claims[i].text, 60)}  ${c('2', sources.join('; '))}`);
    }
    if (result.findings.length) {
      out.push(c('1', '  Findings'));
      for (const f of result.findings) {
        const severity = severityOf(f.kind, f.tier, overrides);
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

/** SARIF's level and GitHub's command for a finding's default severity (from the registry of finding kinds). */
const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const GITHUB_COMMAND = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' } as const;

interface Located {
  /** 1-based, columns in UTF-16 code units, end exclusive as SARIF and GitHub count them. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

function locate(lines: LineIndex, start: number, end: number): Located {
  const a = lines.positionAt(start);
  const b = lines.positionAt(end);
  return { startLine: a.line + 1, startColumn: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}

/** A SARIF artifact URI: relative paths stay relative (code scanning resolves them against the repository), others become file: URLs. */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

export interface SarifOptions {
  version: string;
  informationUri?: string;
  /** A source's text by path, to place the disagreeing passage by line and column. */
  sourceText: (path: string) => string | undefined;
}

/** SARIF 2.1.0: one run, a rule per finding kind, the disagreeing source passages as related locations. */
export function sarifReport(reports: FileReport[], problems: Problem[], options: SarifOptions) {
  const kinds = [...new Set(reports.flatMap((r) => r.result.findings.map((f) => f.kind)))].sort();
  const results = reports.flatMap(({ file, name, text, result, severity: overrides }) => {
    const lines = new LineIndex(text);
    const uri = artifactUri(name ?? (file === '-' ? 'stdin' : file));
    return result.findings.map((f) => {
      const related = f.sources.flatMap((s, i) => {
        const sourceText = options.sourceText(s.sourcePath);
        if (sourceText === undefined) return [];
        const at = locate(new LineIndex(sourceText), s.start, s.end);
        return [{ id: i + 1, message: { text: `${s.sourceName ?? s.sourceId}: "${ellipsis(s.text, 200)}"` }, physicalLocation: { artifactLocation: { uri: pathToFileURL(s.sourcePath).href }, region: { ...at, charOffset: s.start, charLength: s.end - s.start } } }];
      });
      return {
        ruleId: f.kind,
        ruleIndex: kinds.indexOf(f.kind),
        level: SARIF_LEVEL[severityOf(f.kind, f.tier, overrides)],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: { ...locate(lines, f.start, f.end), charOffset: f.start, charLength: f.end - f.start, snippet: { text: text.slice(f.start, f.end) } } } }],
        ...(related.length ? { relatedLocations: related } : {}),
      };
    });
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claimlens',
            version: options.version,
            ...(options.informationUri ? { informationUri: options.informationUri } : {}),
            rules: kinds.map((id) => ({ id, shortDescription: { text: findingKind(id).rule } })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: problems.map((p) => ({
              level: p.severity === 'warning' ? 'warning' : 'note',
              message: { text: p.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(p.path).href } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

// GitHub workflow commands: %, CR and LF are escaped in the message; also : and , in properties.
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::warning file=…,line=…::message` (`::notice` for information) per finding and per problem, which a GitHub Actions run shows as annotations. */
export function githubReport(reports: FileReport[], problems: Problem[]): string {
  const out: string[] = [];
  for (const p of problems) out.push(`::${p.severity === 'warning' ? 'warning' : 'notice'} title=claimlens::${escapeData(p.message)}`);
  for (const { file, name, text, result, severity: overrides } of reports) {
    const lines = new LineIndex(text);
    const shown = (name ?? (file === '-' ? 'stdin' : file)).split(sep).join('/');
    for (const f of result.findings) {
      const at = locate(lines, f.start, f.end);
      const props = [`file=${escapeProperty(shown)}`, `line=${at.startLine}`, `endLine=${at.endLine}`];
      // GitHub takes columns only for a one-line span.
      if (at.startLine === at.endLine) props.push(`col=${at.startColumn}`, `endColumn=${at.endColumn}`);
      props.push(`title=${escapeProperty(`claimlens ${f.kind}`)}`);
      out.push(`::${GITHUB_COMMAND[severityOf(f.kind, f.tier, overrides)]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}
