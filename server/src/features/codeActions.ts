// Code actions, computed from the cached findings of the document's current
// version that the requested range (or a diagnostic sent back) touches; every
// edit names the version it was computed for, so an editor refuses a stale one
// instead of corrupting the text.
//   - the kind's fix ("Use the source's figure / wording / title / speaker"),
//     titled by the registry of finding kinds
//   - "Ignore …" in the document (a marker line) or in the workspace (a command)
//   - "Cite <source> (line N)" on claims with support

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import { ignoreMarker } from '../analysis/ignores.js';
import { basename, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCslJson, readBibliography, versionOf, type BibEntry, type Bibliography } from '../bibliography.js';
import { cite, referencesEdit, resolveStyle, type Edit } from '../citations.js';
import { READ_FAILURE_MESSAGES, readTextFile } from '../corpus/files.js';
import { findingKind } from '../evidence/findingKinds.js';
import type { Finding } from '../engine.js';
import { reallyInside } from '../paths.js';
import { LineIndex } from '../positions.js';
import type { Entry } from '../session.js';
import type { Settings } from '../settings.js';
import { sourceLine } from './locations.js';

export const IGNORE_IN_WORKSPACE_COMMAND = 'claimlens.ignoreInWorkspace';
/** How many of a claim's supporting passages get a Cite action. */
const CITE_CHOICES = 3;

export interface CodeActionInput {
  range: Range;
  diagnostics: Diagnostic[];
  /** Whether the document lies in a workspace folder (workspace ignores need one). */
  inWorkspace: boolean;
  /** The document's workspace folder: the bibliography and references file are found there. */
  folder?: string;
  /** Whether files outside the workspace folder may be read and written. */
  trusted?: boolean;
  /**
   * Hears what is wrong with the bibliography and references file (none: they
   * are fine) each time they are read: `files` names them, `version` changes
   * when either changes on disk.
   */
  citationProblems?(problems: string[], files: string, version: string): void;
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

  const start = entry.lines.offsetAt(input.range.start);
  const end = entry.lines.offsetAt(input.range.end);
  for (const { finding: f, diagnostics } of findingsFor(entry, start, end, input.diagnostics)) {
    if (f.replacement) {
      actions.push({
        title: findingKind(f.kind).fixTitle(f.replacement.text),
        kind: CodeActionKind.QuickFix,
        diagnostics,
        isPreferred: true,
        edit: edit([{ start: f.replacement.start, end: f.replacement.end, newText: f.replacement.text }]),
      });
    }
    const text = entry.text.slice(f.start, f.end);
    const marker = ignoreMarker(entry.result.analysis.format, f.kind, text);
    const docEnd = entry.text.length;
    const sep = entry.text.endsWith('\n') ? '' : '\n';
    actions.push({
      title: `Ignore this ${findingKind(f.kind).label} in this document`,
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: edit([{ start: docEnd, end: docEnd, newText: `${sep}${marker}\n` }]),
    });
    if (input.inWorkspace) {
      actions.push({
        title: `Ignore this ${findingKind(f.kind).label} in the workspace`,
        kind: CodeActionKind.QuickFix,
        diagnostics,
        command: { title: 'Ignore in workspace', command: IGNORE_IN_WORKSPACE_COMMAND, arguments: [{ uri: entry.uri, kind: f.kind, text }] },
      });
    }
  }

  const style = resolveStyle(settings.citation.style, entry.result.analysis.format);
  const claims = entry.result.analysis.claims.map((claim, i) => ({ claim, i })).filter(({ claim }) => claim.end >= start && claim.start <= end);
  const files = style === 'pandoc' && claims.length ? citationFiles(settings, input) : undefined;
  if (files) input.citationProblems?.(files.problems, JSON.stringify(files.paths), JSON.stringify(files.versions));
  for (const { claim, i } of claims) {
    for (const ref of entry.result.support[i].slice(0, CITE_CHOICES)) {
      const citation = cite(entry.text, claim, ref, style, { keys: settings.citation.keys, entries: files?.entries });
      if (!citation) continue;
      const line = sourceLine(entry.corpus, ref);
      const title = `Cite ${ref.sourceName ?? ref.sourceId}${line ? ` (line ${line})` : ''}`;
      // What is wrong with the bibliography or references file is said where it matters: last on the Cite actions.
      const note = files?.problems.length ? ` — ${files.problems.join('; ')}` : '';
      const refs = citation.entry && files?.references ? referencesEdit(files.references.text, citation.entry) : undefined;
      if (!refs || !files?.references) {
        actions.push({ title: title + note, kind: CodeActionKind.QuickFix, edit: edit(citation.edits) });
        continue;
      }
      // A generated key's entry goes into the references file in the same edit.
      const uri = pathToFileURL(files.references.path).toString();
      const lines = new LineIndex(files.references.text ?? '');
      const main = edit(citation.edits).documentChanges;
      actions.push({
        title: `${title}, adding ${citation.mark.slice(2, -1)} to ${basename(files.references.path)}${note}`,
        kind: CodeActionKind.QuickFix,
        edit: {
          documentChanges: [
            ...(refs.create ? [{ kind: 'create' as const, uri, options: { ignoreIfExists: true } }] : []),
            { textDocument: { uri, version: null }, edits: refs.edits.map((e): TextEdit => ({ range: lines.range(e.start, e.end), newText: e.newText })) },
            ...main,
          ],
        },
      });
    }
  }
  return actions;
}

interface CitationFiles {
  entries: BibEntry[];
  references?: { path: string; text?: string };
  problems: string[];
  /** The two files' paths, and the versions of them read (undefined: not set, or cannot be looked at). */
  paths: (string | undefined)[];
  versions: (string | undefined)[];
}

/**
 * The bibliography's entries and the references file (its text, undefined
 * when it does not exist yet), by the settings, relative to the workspace
 * folder. An untrusted workspace reads and writes none outside its folder.
 */
function citationFiles(settings: Settings, input: CodeActionInput): CitationFiles {
  const place = (p: string) => {
    if (!p) return undefined;
    if (!isAbsolute(p) && !input.folder) return undefined;
    const abs = resolve(input.folder ?? '', p);
    // Judged by the real path: a link inside the folder that leads outside is outside.
    return input.trusted || (input.folder && reallyInside([input.folder], abs)) ? abs : undefined;
  };
  const bibPath = place(settings.citation.bibliography);
  const refPath = place(settings.citation.references);
  const bib: Bibliography = bibPath ? readBibliography(bibPath) : { entries: [] };
  const problems = bib.problem ? [bib.problem] : [];
  const entries = bib.entries;
  if (!refPath) return { entries, problems, paths: [bibPath], versions: [bib.version] };
  const r = readTextFile(refPath);
  const found = { paths: [bibPath, refPath], versions: [bib.version, versionOf(refPath)] };
  // A references file that cannot be read or is not CSL JSON is left alone (no entry is written), and the actions say why.
  if (!r.ok && r.reason !== 'missing') return { entries, problems: [...problems, `The references file ${refPath} ${READ_FAILURE_MESSAGES[r.reason]}; no entry is written to it`], ...found };
  const text = r.ok ? r.text : undefined;
  const own = text === undefined ? { entries: [] } : parseCslJson(text, refPath, 'The references file');
  if (own.unusable) return { entries, problems: [...problems, `${own.problem}; no entry is written to it`], ...found };
  if (own.problem) problems.push(own.problem);
  return { entries: [...entries, ...own.entries], references: { path: refPath, text }, problems, ...found };
}

/**
 * The findings of this version that the requested range touches, or that a
 * diagnostic the client sent back lies on, each with those diagnostics.
 * Clients differ in what they send back: ALE drops `data`, Eglot right after
 * an edit sends the previous version's diagnostics, so the cached findings
 * decide, not the diagnostics' payload.
 */
function findingsFor(entry: Entry, start: number, end: number, sent: Diagnostic[]): { finding: Finding; diagnostics?: Diagnostic[] }[] {
  const ours = sent
    .filter((d) => d.source === 'claimlens')
    .map((d) => ({ d, start: entry.lines.offsetAt(d.range.start), end: entry.lines.offsetAt(d.range.end) }));
  const touches = (f: Finding, s: number, e: number) => f.start <= e && f.end >= s;
  return entry.result.findings.flatMap((finding) => {
    const on = ours.filter((o) => o.d.code === finding.kind && touches(finding, o.start, o.end)).map((o) => o.d);
    if (!on.length && !touches(finding, start, end)) return [];
    return [{ finding, diagnostics: on.length ? on : undefined }];
  });
}
