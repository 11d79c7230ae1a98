// Hover: how a figure was understood, who an official is (with the titles
// the sources give them), who said a quote.

import { MarkupKind, type Hover } from 'vscode-languageserver';
import { mentionSpan, type Figure, type Official, type Quote } from '../analysis/types.js';
import type { Finding, SourceRef, Support } from '../engine.js';
import { describeAmount, describeCounted } from '../analysis/describe.js';
import { READINGS } from '../analysis/readings.js';
import { sourceDate } from '../evidence/dates.js';
import { FINDING_KINDS, findingLabel, kindsOn } from '../evidence/findingKinds.js';
import { titleTime } from '../evidence/titles.js';
import type { Entry } from '../session.js';
import { pathToFileURL } from 'node:url';
import { quoted } from './commands.js';
import { sourceRange } from './locations.js';

const within = (offset: number, s: { start: number; end: number }) => offset >= s.start && offset <= s.end;

export interface HoverOptions {
  /** Hover the rest of a claim with its corroboration: for clients that show no code lenses. */
  claims: boolean;
}

export function hover(entry: Entry, offset: number, options: HoverOptions = { claims: false }): Hover | null {
  const { analysis } = entry.result;
  const figure = analysis.figures.find((f) => within(offset, f));
  if (figure) return markdown(entry, figure, figureHover(figure) + figureSources(entry, figure));
  const official = officialAt(entry, offset);
  if (official) return markdown(entry, mentionSpan(official), officialHover(entry, official));
  const quote = analysis.quotes.find((q) => within(offset, q.outer));
  if (quote) return markdown(entry, quote.outer, quoteHover(quote) + quoteSources(entry, quote));
  // Anywhere else in a claim the sources speak to: its corroboration, for editors without code lenses.
  const i = options.claims ? analysis.claims.findIndex((c) => within(offset, c)) : -1;
  if (i >= 0) {
    const claim = analysis.claims[i];
    const on = findingsOn(entry, claim, FINDING_KINDS.map((k) => k.kind));
    const disagree = on.flatMap((x) => x.sources);
    if (entry.result.support[i].length || disagree.length) return markdown(entry, claim, claimHover(entry, i) + sourcesSection(entry, entry.result.support[i], disagree) + notes(on));
  }
  return null;
}

/** A claim's heading: corroborated with the best support score (the scale is in evidence/support.ts). */
function claimHover(entry: Entry, i: number): string {
  const best = entry.result.support[i][0]?.score;
  return `**Claim**${best === undefined ? '' : ` — corroborated (best support ${best.toFixed(2)} on a 0–1 scale)`}`;
}

const claimOf = (entry: Entry, span: { start: number; end: number }) =>
  entry.result.analysis.claims.findIndex((c) => c.start <= span.start && c.end >= span.end);

const findingsOn = (entry: Entry, span: { start: number; end: number }, kinds: Finding['kind'][]) =>
  entry.result.findings.filter((f) => kinds.includes(f.kind) && f.start < span.end && f.end > span.start);

/** Passages that agree with a figure: the claim's support with a figure of the same kind. */
function figureSources(entry: Entry, f: Figure): string {
  const i = claimOf(entry, f);
  const agree = i < 0 ? [] : entry.result.support[i].filter((s) => s.reasons.includes('figure'));
  const on = findingsOn(entry, f, kindsOn('figure'));
  return sourcesSection(entry, agree, on.flatMap((x) => x.sources)) + notes(on);
}

function quoteSources(entry: Entry, q: Quote): string {
  const i = claimOf(entry, q);
  const agree = i < 0 ? [] : entry.result.support[i].filter((s) => s.reasons.includes('quote'));
  const on = findingsOn(entry, q, kindsOn('quote'));
  return sourcesSection(entry, agree, on.flatMap((x) => x.sources)) + notes(on);
}

/** The findings' messages, each under its kind's label: what a disagreement means, in words. */
function notes(findings: Finding[]): string {
  if (!findings.length) return '';
  return '\n\n' + findings.map((f) => `*${findingLabel(f)}:* ${escape(f.message)}`).join('\n\n');
}

/** "Sources — 2 passages, 1 independent source", then one line per passage with a link. */
export function sourcesSection(entry: Entry, agree: SourceRef[], disagree: SourceRef[]): string {
  if (!agree.length && !disagree.length) return '\n\n---\n\n*Sources:* nothing in the sources about this';
  const lines = ['', '', '---', ''];
  if (agree.length) {
    const sources = agree.map((s) => entry.corpus.getByPath(s.sourcePath)).filter((s) => s !== undefined);
    const independent = entry.corpus.groups().count(sources);
    lines.push(`**Sources** — ${plural(agree.length, 'passage')}, ${plural(independent, 'independent source')}`, '');
    for (const s of agree) lines.push(`- ✓ ${sourceLink(entry, s.sourceId, s.start)}: ${escape(quoted(excerpt(entry, s)))}${whyOf(s)}`);
  }
  if (disagree.length) {
    if (agree.length) lines.push('');
    lines.push(`**Disagreeing** — ${plural(disagree.length, 'passage')}`, '');
    for (const s of disagree) lines.push(`- ✗ ${sourceLink(entry, s.sourceId, s.start)}: ${escape(quoted(excerpt(entry, s)))}`);
  }
  return lines.join('\n');
}

/** Why a passage supports a claim ("shared figure: 1,400; matching event: killed ~ fatalities"), when it is support. */
function whyOf(s: SourceRef | Support): string {
  return 'why' in s && s.why.length ? ` — ${escape(s.why.join('; '))}` : '';
}

/** One line of the source around a passage: its sentence, shortened around the passage. */
function excerpt(entry: Entry, ref: SourceRef): string {
  const source = entry.corpus.getByPath(ref.sourcePath);
  const sentence = source?.analysis.sentences.find((s) => s.start <= ref.start && s.end >= ref.end);
  if (!source || !sentence) return short(ref.text, 110);
  const text = source.text.slice(sentence.start, sentence.end);
  if (text.length <= 110) return short(text, 110);
  // Keep the passage in view: start a little before it.
  const from = Math.max(0, ref.start - sentence.start - 40);
  return (from > 0 ? '…' : '') + short(text.slice(from), 110);
}

function markdown(entry: Entry, span: { start: number; end: number }, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: referenceLinks(value) }, range: entry.lines.range(span.start, span.end) };
}

/**
 * Moves link targets to numbered definitions at the end: `[seeds/000….txt][1]`
 * reads as well raw (Vim, Emacs without markdown-mode) as rendered, where a
 * long `file:///…#L2` in the middle of every line does not.
 */
export function referenceLinks(value: string): string {
  const targets: string[] = [];
  const body = value.replace(/\]\((file:\/\/[^)\s]+)\)/g, (_, url: string) => {
    const n = targets.indexOf(url) + 1 || targets.push(url);
    return `][${n}]`;
  });
  return targets.length ? `${body}\n\n${targets.map((t, i) => `[${i + 1}]: ${t}`).join('\n')}` : body;
}

export function figureHover(f: Figure): string {
  // The header is the description every view shows; the line below names its parts, in the same words.
  const lines = [`**${escape(f.text)}** → **${escape(describeAmount(f))}**, ${escape(describeCounted(f))}`, ''];
  lines.push(`*Reading:* ${READINGS[f.reading]}${f.qualifier ? ` ("${escape(f.qualifier)}")` : ''}`);
  const what = [`*Counts:* ${f.class === 'count' ? escape(f.head || 'items') : f.class}`];
  if (f.counts && f.counts !== f.head && f.class !== 'count') what.push(`*as written:* ${escape(f.counts)}`);
  if (f.verb) what.push(`*event:* ${escape(f.verb)}`);
  if (f.unit) what.push(`*unit:* ${f.unit}`);
  lines.push('', what.join(' · '));
  return lines.join('\n');
}

/** A person's quotes an official's hover shows, with links to their lines. */
export const QUOTES_SHOWN = 3;

const officialAt = (entry: Entry, offset: number) => entry.result.analysis.officials.find((o) => within(offset, o) || (o.titleSpan && within(offset, o.titleSpan)));

/** The people whose sources the hover at `offset` shows, and how many of their quotes with lines: what a corpus read in parts completes first. */
export function hoverPeople(entry: Entry, offset: number): { names: string[]; quotesWithLines: number } {
  const official = officialAt(entry, offset);
  return { names: official ? [official.name] : [], quotesWithLines: QUOTES_SHOWN };
}

export function officialHover(entry: Entry, o: Official): string {
  const { analysis } = entry.result;
  const here = analysis.officials.filter((x) => x.name === o.name);
  const titlesHere = [...new Set(here.filter((x) => x.form !== 'bare' && x.title).map((x) => x.title!))];
  const lines = [`**${escape(o.name)}**${o.text !== o.name ? ` (written "${escape(o.text)}")` : ''}`, ''];
  if (titlesHere.length) lines.push(`*In this article:* ${titlesHere.map(escape).join('; ')} — ${plural(here.length, 'mention')}`);
  else lines.push(`*In this article:* ${plural(here.length, 'mention')}, no title given here`);
  const person = entry.corpus.person(o.name);
  if (person) {
    const titles = [...person.titles].map(([t, ids]) => `${escape(t)} (${[...ids].map((id) => sourceLink(entry, id)).join(', ')})`);
    const sources = new Set(person.mentions.map((m) => m.source.id));
    // A record without mentions is one a backend read in part and could not complete (the archive went away since the check).
    if (person.mentions.length) lines.push('', `*In the sources:* ${plural(person.mentions.length, 'mention')} in ${plural(sources.size, 'source')}`);
    else lines.push('', '*In the sources:* named; their mentions could not be read (the archive did not answer)');
    if (titles.length) lines.push('', `*Titles in the sources:* ${titles.join('; ')}`);
    const elsewhen = titlesAtOtherTimes(entry, person.titles);
    if (elsewhen) lines.push('', elsewhen);
    const quotes = person.quotes.slice(0, QUOTES_SHOWN).map((q) => `- ${escape(quoted(short(q.text, 120)))} — ${sourceLink(entry, q.source.id, q.start)}`);
    if (quotes.length) lines.push('', '*Quoted as saying:*', '', ...quotes);
  } else lines.push('', '*In the sources:* not mentioned');
  const conflicts = findingsOn(entry, mentionSpan(o), kindsOn('official')).flatMap((x) => x.sources);
  if (conflicts.length) {
    lines.push('', '---', '', `**Title disagrees with** ${plural(conflicts.length, 'source mention')}`, '');
    for (const s of conflicts) lines.push(`- ✗ ${sourceLink(entry, s.sourceId, s.start)}: ${escape(quoted(excerpt(entry, s)))}`);
  }
  const quotedHere = analysis.quotes.filter((q) => q.speaker === o.name);
  if (quotedHere.length) lines.push('', `*Quoted here:* ${quotedHere.map((q) => escape(quoted(short(q.text, 60)))).join(', ')}`);
  return lines.join('\n');
}

/** "In 2024 sources call him President": titles of sources outside the title window of the article's date. */
function titlesAtOtherTimes(entry: Entry, titles: Map<string, Set<string>>): string | undefined {
  const { date } = entry.result;
  if (!date) return undefined;
  const byYear = new Map<string, Set<string>>();
  for (const [title, ids] of titles) {
    for (const id of ids) {
      const source = entry.corpus.sources().find((s) => s.id === id);
      const when = source && sourceDate(source);
      if (!when || titleTime(date, when) !== 'other') continue;
      const year = when.slice(0, 4);
      if (!byYear.has(year)) byYear.set(year, new Set());
      byYear.get(year)!.add(title);
    }
  }
  if (!byYear.size) return undefined;
  const parts = [...byYear].map(([year, t]) => `in ${year} sources call them ${[...t].map((x) => `"${escape(x)}"`).join(', ')}`);
  return `*At other times:* ${parts.join('; ')} (this article: ${date}).`;
}

function quoteHover(q: Quote): string {
  return `**Quote**${q.speaker ? ` — ${escape(q.speaker)}` : ' — no speaker found in the sentence'}`;
}

/** A Markdown link, named as people know the source (outlet, headline, date), that opens its file at the passage when an offset is given. */
export function sourceLink(entry: Entry, id: string, offset?: number): string {
  const source = entry.corpus.sources().find((s) => s.id === id);
  if (!source) return escape(id);
  const line = offset === undefined ? '' : `#L${sourceRange(source, offset, offset).start.line + 1}`;
  return `[${escape(source.label)}](${pathToFileURL(source.path).toString()}${line})`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function short(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

/**
 * Markdown-escape text from articles so it shows as written, escaping only
 * what would otherwise change the rendering: a backslash shows literally
 * wherever Markdown is not rendered (Vim, Emacs without markdown-mode), so an
 * underscore inside a word (`000_b5026f.txt`) or brackets that form no link
 * (`[of the government]`) stay as they are.
 */
export function escape(s: string): string {
  return s
    .replace(/[\\`*<>]|~~|^#|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, (m) => `\\${m}`)
    .replace(/\[([^[\]\n]*)\](\s*[([:])?/g, (m, inner: string, after?: string) =>
      after !== undefined || /^\s*\d+\s*$/.test(inner) ? `\\[${inner}\\]${after ?? ''}` : m,
    );
}
