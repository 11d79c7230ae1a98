// Code lenses: one line above each claim sentence the sources corroborate
// ("✓ 2 sources (1 independent)"; "✓ 2 of 3 parts: 2 sources" when the
// sentence makes several claims and only some are backed) and above each
// sentence a source contradicts. Clicking shows the passages: VS Code peeks them with the extension's claimlens.peekPassages;
// every other client runs the server's claimlens.showPassages (features/commands.ts).

import type { CodeLens, Command, Location, Position } from 'vscode-languageserver';
import type { SourceRef } from '../engine.js';
import { findingLabel, isAlarm } from '../evidence/findingKinds.js';
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
  const groups = entry.corpus.groups();
  const lenses: CodeLens[] = [];
  const command = (title: string, refs: SourceRef[], position: Position): Command => {
    const passages = refs.map((s) => sourcePassage(entry.corpus, s)).filter((p) => p !== undefined);
    if (options.clientPeek) return { title, command: PEEK_COMMAND, arguments: [entry.uri, position, passages.map((p) => p.location) satisfies Location[]] };
    return { title, command: SHOW_PASSAGES_COMMAND, arguments: [{ uri: entry.uri, passages } satisfies ShowPassagesArgs] };
  };
  // The parts of one sentence share its lens: claim indexes grouped by sentence, in order.
  const sentences = new Map<number, number[]>();
  analysis.claims.forEach((c, i) => sentences.set(c.sentence, [...(sentences.get(c.sentence) ?? []), i]));
  for (const parts of sentences.values()) {
    const first = analysis.claims[parts[0]];
    const last = analysis.claims[parts[parts.length - 1]];
    const range = entry.lines.range(first.start, first.start);
    const against = findings.filter((f) => f.start < last.end && f.end > first.start);
    if (against.length) {
      const sources = [...new Set(against.flatMap((f) => f.sources.map((s) => s.sourceName ?? s.sourceId)))];
      const what = [...new Set(against.map((f) => findingLabel(f)))].join(', ');
      // A difference time could explain, or a dispute among sources, is a note, not a cross.
      const mark = against.some((f) => isAlarm(f.kind, f.tier)) ? '✗' : 'ℹ';
      lenses.push({ range, command: command(`${mark} ${what}: ${sources.join('; ')}`, against.flatMap((f) => f.sources), range.start) });
    }
    const backed = parts.filter((i) => support[i].length);
    if (!backed.length) continue;
    const list = [...new Map(backed.flatMap((i) => support[i]).map((s) => [`${s.sourcePath}:${s.start}`, s])).values()];
    const paths = [...new Set(list.map((s) => s.sourcePath))];
    const files = paths.length;
    const sourcesIndependent = backed.length === 1 ? independent[backed[0]] : groups.count(paths.map((p) => entry.corpus.getByPath(p)).filter((s) => s !== undefined));
    const count = `${files} source${files === 1 ? '' : 's'}${sourcesIndependent < files ? ` (${sourcesIndependent} independent)` : ''}`;
    const title = parts.length > 1 ? `✓ ${backed.length} of ${parts.length} parts: ${count}` : `✓ ${count}`;
    lenses.push({ range, command: command(title, list, range.start) });
  }
  return lenses;
}
