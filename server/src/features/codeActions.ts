// Code actions. Fixes come from the finding carried in diagnostic.data (no
// re-analysis); every edit names the document version it was computed for,
// so an editor refuses a stale one instead of corrupting the text.
//   - the kind's fix ("Use the source's figure / wording / title / speaker"),
//     titled by the registry of finding kinds
//   - "Ignore …" in the document (a marker line) or in the workspace (a command)
//   - "Cite <source> (line N)" on claims with support

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { ignoreMarker } from '../analysis/ignores.js';
import { cite, resolveStyle, type Edit } from '../citations.js';
import { findingKind } from '../evidence/findingKinds.js';
import type { Entry } from '../session.js';
import type { Settings } from '../settings.js';
import type { DiagnosticData } from './diagnostics.js';
import { sourceLine } from './locations.js';

export const IGNORE_IN_WORKSPACE_COMMAND = 'claimlens.ignoreInWorkspace';
/** How many of a claim's supporting passages get a Cite action. */
const CITE_CHOICES = 3;

export interface CodeActionInput {
  range: Range;
  diagnostics: Diagnostic[];
  /** Whether the document lies in a workspace folder (workspace ignores need one). */
  inWorkspace: boolean;
}

export function codeActions(entry: Entry, input: CodeActionInput, settings: Settings): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = (edits: Edit[]) => ({
    documentChanges: [
      {
        textDocument: { uri: entry.uri, version: entry.version },
        edits: edits.map((e): TextEdit => ({ range: entry.lines.range(e.start, e.end), newText: e.newText })),
      },
    ],
  });

  for (const d of input.diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    // Diagnostics of another version describe text that is gone.
    if (d.source !== 'claimlens' || !data?.finding || data.uri !== entry.uri || data.version !== entry.version) continue;
    const f = data.finding;
    if (f.replacement) {
      actions.push({
        title: findingKind(f.kind).fixTitle(f.replacement.text),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: true,
        edit: edit([{ start: f.replacement.start, end: f.replacement.end, newText: f.replacement.text }]),
      });
    }
    const text = entry.text.slice(f.start, f.end);
    const marker = ignoreMarker(entry.result.analysis.format, f.kind, text);
    const end = entry.text.length;
    const sep = entry.text.endsWith('\n') ? '' : '\n';
    actions.push({
      title: `Ignore this ${findingKind(f.kind).label} in this document`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      edit: edit([{ start: end, end, newText: `${sep}${marker}\n` }]),
    });
    if (input.inWorkspace) {
      actions.push({
        title: `Ignore this ${findingKind(f.kind).label} in the workspace`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Ignore in workspace', command: IGNORE_IN_WORKSPACE_COMMAND, arguments: [{ uri: entry.uri, kind: f.kind, text }] },
      });
    }
  }

  const start = entry.lines.offsetAt(input.range.start);
  const end = entry.lines.offsetAt(input.range.end);
  const style = resolveStyle(settings.citation.style, entry.result.analysis.format);
  entry.result.analysis.claims.forEach((claim, i) => {
    if (claim.end < start || claim.start > end) return;
    for (const ref of entry.result.support[i].slice(0, CITE_CHOICES)) {
      const citation = cite(entry.text, claim, ref, style, settings.citation.keys);
      if (!citation) continue;
      const line = sourceLine(entry.corpus, ref);
      actions.push({
        title: `Cite ${ref.sourceId}${line ? ` (line ${line})` : ''}`,
        kind: CodeActionKind.QuickFix,
        edit: edit(citation.edits),
      });
    }
  });
  return actions;
}
