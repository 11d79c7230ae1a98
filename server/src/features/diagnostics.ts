// Diagnostics: one per finding, on the exact span, naming the source (outlet, headline, date),
// with relatedInformation pointing at every disagreeing source passage. The
// finding also travels in `data`, for clients and tools that read it; code
// actions do not depend on it (many clients send diagnostics back without it).

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine.js';
import { severityOf } from '../evidence/findingKinds.js';
import type { Entry } from '../session.js';
import type { SeverityName, Settings } from '../settings.js';
import { sourceLocation } from './locations.js';

export const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries in `data`: the finding and the version it was found in. */
export interface DiagnosticData {
  uri: string;
  version: number;
  finding: Finding;
}

export function diagnostics(entry: Entry, settings: Settings): Diagnostic[] {
  if (entry.skipped) {
    const why = {
      'too-large': `it is larger than claimlens.maxFileSize (${settings.maxFileSize} bytes)`,
      binary: 'it looks like a binary file, not text',
      'invalid-utf8': 'it is not valid UTF-8 text (the editor shows replacement characters)',
    }[entry.skipped];
    return [{ range: entry.lines.range(0, 0), severity: DiagnosticSeverity.Information, source: 'claimlens', code: entry.skipped, message: `Claim Lens skipped this file: ${why}.` }];
  }
  return entry.result.findings.map((f) => toDiagnostic(entry, f, settings));
}

function toDiagnostic(entry: Entry, f: Finding, settings: Settings): Diagnostic {
  const related = f.sources
    .map((s) => {
      const location = sourceLocation(entry.corpus, s);
      return location && { location, message: `${s.sourceName ?? s.sourceId}: "${s.text}"` };
    })
    .filter((r) => r !== undefined);
  const data: DiagnosticData = { uri: entry.uri, version: entry.version, finding: f };
  return {
    range: entry.lines.range(f.start, f.end),
    severity: SEVERITY[severityOf(f.kind, f.tier, { warning: settings.severity, byKind: settings.findingSeverity })],
    source: 'claimlens',
    code: f.kind,
    message: f.message,
    relatedInformation: related.length ? related : undefined,
    data,
  };
}
