// Code lenses: one line above each claim sentence the sources corroborate
// ("✓ 2 sources (1 independent)"; "✓ 2 of 3 parts: 2 sources" when the
// sentence makes several claims and only some are backed) and above each
// sentence a source contradicts. Clicking peeks the passages (the client's
// claimlens.peekPassages command).

import type { CodeLens, Location } from 'vscode-languageserver';
import type { Entry } from '../session.js';
import { sourceLocation } from './locations.js';

/** The client command that shows passages; editors without it fall back to the server's (see server.ts). */
export const PEEK_COMMAND = 'claimlens.peekPassages';

const KIND_LABEL = { 'contradicted-figure': 'contradicted figure', misquote: 'misquote', 'title-conflict': 'title conflict' } as const;

export function codeLenses(entry: Entry): CodeLens[] {
  const { analysis, support, independent, findings } = entry.result;
  const groups = entry.corpus.groups();
  const lenses: CodeLens[] = [];
  // The parts of one sentence share its lens: claim indexes grouped by sentence, in order.
  const sentences = new Map<number, number[]>();
  analysis.claims.forEach((c, i) => sentences.set(c.sentence, [...(sentences.get(c.sentence) ?? []), i]));
  for (const parts of sentences.values()) {
    const first = analysis.claims[parts[0]];
    const last = analysis.claims[parts[parts.length - 1]];
    const range = entry.lines.range(first.start, first.start);
    const position = range.start;
    const against = findings.filter((f) => f.start < last.end && f.end > first.start);
    if (against.length) {
      const sources = [...new Set(against.flatMap((f) => f.sources.map((s) => s.sourceId)))];
      const locations = against.flatMap((f) => f.sources.map((s) => sourceLocation(entry.corpus, s))).filter((l): l is Location => Boolean(l));
      const what = [...new Set(against.map((f) => KIND_LABEL[f.kind]))].join(', ');
      lenses.push({ range, command: { title: `✗ ${what}: ${sources.join(', ')}`, command: PEEK_COMMAND, arguments: [entry.uri, position, locations] } });
    }
    const backed = parts.filter((i) => support[i].length);
    if (!backed.length) continue;
    const list = [...new Map(backed.flatMap((i) => support[i]).map((s) => [`${s.sourcePath}:${s.start}`, s])).values()];
    const paths = [...new Set(list.map((s) => s.sourcePath))];
    const files = paths.length;
    const sourcesIndependent = backed.length === 1 ? independent[backed[0]] : groups.count(paths.map((p) => entry.corpus.getByPath(p)).filter((s) => s !== undefined));
    const locations = list.map((s) => sourceLocation(entry.corpus, s)).filter((l): l is Location => Boolean(l));
    const count = `${files} source${files === 1 ? '' : 's'}${sourcesIndependent < files ? ` (${sourcesIndependent} independent)` : ''}`;
    const title = parts.length > 1 ? `✓ ${backed.length} of ${parts.length} parts: ${count}` : `✓ ${count}`;
    lenses.push({ range, command: { title, command: PEEK_COMMAND, arguments: [entry.uri, position, locations] } });
  }
  return lenses;
}
