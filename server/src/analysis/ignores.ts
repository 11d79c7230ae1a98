// Findings the writer dismissed, written in the document itself so they
// stay dismissed across restarts and travel with the file:
//
//   Markdown:    <!-- claimlens-ignore: contradicted-figure "140 people" -->
//   plain text:  claimlens-ignore: contradicted-figure "140 people"
//
// on a line of its own, anywhere in the document. A marker dismisses every
// finding of that kind on that exact text.

import type { Format } from './types.js';

export interface IgnoreMarker {
  kind: string;
  text: string;
}

const MARKER_RE = /^[ \t]*(?:<!--[ \t]*)?claimlens-ignore:[ \t]*([a-z-]+)[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*(?:-->)?[ \t]*$/gm;

export const IGNORE_LINE_RE = /^[ \t]*claimlens-ignore:/;

export function ignoreMarkers(text: string): IgnoreMarker[] {
  if (!text.includes('claimlens-ignore')) return [];
  return [...text.matchAll(MARKER_RE)].map((m) => ({ kind: m[1], text: m[2].replace(/\\(.)/g, '$1') }));
}

/** The marker line for a finding, in the document's own syntax. */
export function ignoreMarker(format: Format, kind: string, text: string): string {
  const quoted = `"${text.replace(/\s+/g, ' ').replace(/["\\]/g, '\\$&')}"`;
  return format === 'markdown' ? `<!-- claimlens-ignore: ${kind} ${quoted} -->` : `claimlens-ignore: ${kind} ${quoted}`;
}

/** Whitespace-insensitive comparison of a finding's text with a marker's. */
export function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}
