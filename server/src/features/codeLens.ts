// Code lenses: above each claim the sources corroborate ("✓ 2 sources
// (1 independent)") and each claim a source contradicts. Clicking shows the
// passages: VS Code peeks them with the extension's claimlens.peekPassages;
// every other client runs the server's claimlens.showPassages (features/commands.ts).

import type { CodeLens, Command, Location, Position } from 'vscode-languageserver';
import type { SourceRef } from '../engine.js';
import { findingKind, isAlarm } from '../evidence/findingKinds.js';
import type { Entry } from '../session.js';
import { SHOW_PASSAGES_COMMAND, type ShowPassagesArgs } from './commands.js';
import { sourcePassage } from './locations.js';

/** The VS Code extension's peek command; used only when the client says it has it. */
export const PEEK_COMMAND = 'claimlens.peekPassages';

export interface LensOptions {
  /** The client runs PEEK_COMMAND itself (the VS Code extension). */
  clientPeek: boolean;
}

export function codeLenses(entry: Entry, options: LensOptions): CodeLens[] {
  const { analysis, support, independent, findings } = entry.result;
  const lenses: CodeLens[] = [];
  const command = (title: string, refs: SourceRef[], position: Position): Command => {
    const passages = refs.map((s) => sourcePassage(entry.corpus, s)).filter((p) => p !== undefined);
    if (options.clientPeek) return { title, command: PEEK_COMMAND, arguments: [entry.uri, position, passages.map((p) => p.location) satisfies Location[]] };
    return { title, command: SHOW_PASSAGES_COMMAND, arguments: [{ uri: entry.uri, passages } satisfies ShowPassagesArgs] };
  };
  analysis.claims.forEach((claim, i) => {
    const range = entry.lines.range(claim.start, claim.start);
    const against = findings.filter((f) => f.start < claim.end && f.end > claim.start);
    if (against.length) {
      const sources = [...new Set(against.flatMap((f) => f.sources.map((s) => s.sourceId)))];
      const what = [...new Set(against.map((f) => findingKind(f.kind).label))].join(', ');
      // A difference time could explain, or a dispute among sources, is a note, not a cross.
      const mark = against.some((f) => isAlarm(f.kind, f.tier)) ? '✗' : 'ⓘ';
      lenses.push({ range, command: command(`${mark} ${what}: ${sources.join(', ')}`, against.flatMap((f) => f.sources), range.start) });
    }
    const list = support[i];
    if (!list.length) return;
    const files = new Set(list.map((s) => s.sourcePath)).size;
    const title = `✓ ${files} source${files === 1 ? '' : 's'}${independent[i] < files ? ` (${independent[i]} independent)` : ''}`;
    lenses.push({ range, command: command(title, list, range.start) });
  });
  return lenses;
}
