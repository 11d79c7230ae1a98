// Diagnostics: one per finding, on the exact span, naming the source file,
// with relatedInformation pointing at the source passage.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { LineIndex } from '../positions.js';
import type { Finding } from '../engine.js';
import type { Entry } from '../session.js';
import type { SeverityName, Settings } from '../settings.js';

export const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnostics(entry: Entry, settings: Settings): Diagnostic[] {
  if (entry.skipped === 'too-large') {
    return [
      {
        range: entry.lines.range(0, 0),
        severity: DiagnosticSeverity.Information,
        source: 'claimlens',
        code: 'too-large',
        message: `Claim Lens skipped this file: it is larger than claimlens.maxFileSize (${settings.maxFileSize} bytes).`,
      },
    ];
  }
  return entry.result.findings.map((f) => toDiagnostic(entry, f, settings));
}

function toDiagnostic(entry: Entry, f: Finding, settings: Settings): Diagnostic {
  const source = entry.corpus.getByPath(f.sourcePath);
  const lines = source ? sourceLines(source.path, source.text) : undefined;
  return {
    range: entry.lines.range(f.start, f.end),
    severity: SEVERITY[settings.severity],
    source: 'claimlens',
    code: f.kind,
    message: f.message,
    relatedInformation: lines
      ? [{ location: { uri: pathToFileURL(f.sourcePath).toString(), range: lines.range(f.sourceStart, f.sourceEnd) }, message: `${f.sourceId}: the source passage` }]
      : undefined,
    data: { version: entry.version, finding: f },
  };
}

const lineCache = new Map<string, { text: string; lines: LineIndex }>();

/** Line indexes of source files, kept while their text is unchanged. */
export function sourceLines(path: string, text: string): LineIndex {
  const hit = lineCache.get(path);
  if (hit && hit.text === text) return hit.lines;
  const lines = new LineIndex(text);
  lineCache.set(path, { text, lines });
  return lines;
}
