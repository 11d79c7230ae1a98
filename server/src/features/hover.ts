// Hover: how a figure was understood, who an official is (with the titles
// the sources give them), who said a quote.

import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Figure, Official, Quote } from '../analysis/types.js';
import { describeInterval, READINGS } from '../analysis/readings.js';
import type { Entry } from '../session.js';
import { pathToFileURL } from 'node:url';
import { sourceLines } from './diagnostics.js';

const within = (offset: number, s: { start: number; end: number }) => offset >= s.start && offset <= s.end;

export function hover(entry: Entry, offset: number): Hover | null {
  const { analysis } = entry.result;
  const figure = analysis.figures.find((f) => within(offset, f));
  if (figure) return markdown(entry, figure, figureHover(figure));
  const official = analysis.officials.find((o) => within(offset, o) || (o.titleSpan && within(offset, o.titleSpan)));
  if (official) return markdown(entry, { start: official.titleSpan?.start ?? official.start, end: official.end }, officialHover(entry, official));
  const quote = analysis.quotes.find((q) => within(offset, q.outer));
  if (quote) return markdown(entry, quote.outer, quoteHover(quote));
  return null;
}

function markdown(entry: Entry, span: { start: number; end: number }, value: string): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range: entry.lines.range(span.start, span.end) };
}

export function figureHover(f: Figure): string {
  const lines = [`**${escape(f.text)}** → **${describeInterval(f)}**${f.counts ? `, ${escape(f.counts)}` : ''}`, ''];
  lines.push(`*Reading:* ${READINGS[f.reading]}${f.qualifier ? ` ("${escape(f.qualifier)}")` : ''}`);
  const what = [`*Counts:* ${f.class === 'count' ? escape(f.head || 'items') : f.class}`];
  if (f.verb) what.push(`*event:* ${escape(f.verb)}`);
  if (f.unit) what.push(`*unit:* ${f.unit}`);
  lines.push('', what.join(' · '));
  return lines.join('\n');
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
    lines.push('', `*In the sources:* ${plural(person.mentions.length, 'mention')} in ${plural(sources.size, 'source')}`);
    if (titles.length) lines.push('', `*Titles in the sources:* ${titles.join('; ')}`);
    const quotes = person.quotes.slice(0, 3).map((q) => `> "${escape(short(q.text, 120))}" — ${sourceLink(entry, q.source.id, q.start)}`);
    if (quotes.length) lines.push('', '*Quoted as saying:*', '', ...quotes);
  } else lines.push('', '*In the sources:* not mentioned');
  const quotedHere = analysis.quotes.filter((q) => q.speaker === o.name);
  if (quotedHere.length) lines.push('', `*Quoted here:* ${quotedHere.map((q) => `"${escape(short(q.text, 60))}"`).join(', ')}`);
  return lines.join('\n');
}

function quoteHover(q: Quote): string {
  return `**Quote**${q.speaker ? ` — ${escape(q.speaker)}` : ' — no speaker found in the sentence'}`;
}

/** A Markdown link that opens a source file, at the passage when an offset is given. */
export function sourceLink(entry: Entry, id: string, offset?: number): string {
  const source = entry.corpus.sources().find((s) => s.id === id);
  if (!source) return escape(id);
  const line = offset === undefined ? '' : `#L${sourceLines(source.path, source.text).positionAt(offset).line + 1}`;
  return `[${escape(id)}](${pathToFileURL(source.path).toString()}${line})`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function short(s: string, n: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? flat.slice(0, n - 1) + '…' : flat;
}

/** Markdown-escape text from articles so it shows as written. */
export function escape(s: string): string {
  return s.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}
