// Code lenses: above each claim the sources corroborate ("✓ 2 sources
// (1 independent)") and each claim a source contradicts. Clicking peeks the
// passages (the client's claimlens.peekPassages command).

import type { CodeLens, Location } from 'vscode-languageserver';
import { findingKind, isAlarm } from '../evidence/findingKinds.js';
import type { Entry } from '../session.js';
import { sourceLocation } from './locations.js';

/** The client command that shows passages; editors without it fall back to the server's (see server.ts). */
export const PEEK_COMMAND = 'claimlens.peekPassages';

export function codeLenses(entry: Entry): CodeLens[] {
  const { analysis, support, independent, findings } = entry.result;
  const lenses: CodeLens[] = [];
  analysis.claims.forEach((claim, i) => {
    const range = entry.lines.range(claim.start, claim.start);
    const position = range.start;
    const against = findings.filter((f) => f.start < claim.end && f.end > claim.start);
    if (against.length) {
      const sources = [...new Set(against.flatMap((f) => f.sources.map((s) => s.sourceId)))];
      const locations = against.flatMap((f) => f.sources.map((s) => sourceLocation(entry.corpus, s))).filter((l): l is Location => Boolean(l));
      const what = [...new Set(against.map((f) => findingKind(f.kind).label))].join(', ');
      // A difference time could explain, or a dispute among sources, is a note, not a cross.
      const mark = against.some((f) => isAlarm(f.kind, f.tier)) ? '✗' : 'ⓘ';
      lenses.push({ range, command: { title: `${mark} ${what}: ${sources.join(', ')}`, command: PEEK_COMMAND, arguments: [entry.uri, position, locations] } });
    }
    const list = support[i];
    if (!list.length) return;
    const files = new Set(list.map((s) => s.sourcePath)).size;
    const locations = list.map((s) => sourceLocation(entry.corpus, s)).filter((l): l is Location => Boolean(l));
    const title = `✓ ${files} source${files === 1 ? '' : 's'}${independent[i] < files ? ` (${independent[i]} independent)` : ''}`;
    lenses.push({ range, command: { title, command: PEEK_COMMAND, arguments: [entry.uri, position, locations] } });
  });
  return lenses;
}
