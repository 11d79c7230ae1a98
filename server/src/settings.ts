// The `claimlens.*` settings, one typed interface mirroring package.json's
// contributes.configuration. Raw values from any client are checked here: a
// malformed value falls back to its default and says so, never throws.

import { isArchiveUrl } from './archive/url.js';
import { DEFAULT_MAX_TOTAL_BYTES } from './corpus/budget.js';

export type CitationStyle = 'auto' | 'footnote' | 'pandoc' | 'inline';
import { isSeverityKey, SEVERITIES, type SeverityName } from './evidence/findingKinds.js';

export type { SeverityName } from './evidence/findingKinds.js';

export interface Settings {
  /** Extra source folders or globs, relative to the workspace folder or absolute. */
  sources: string[];
  /** Use the seeds/ corpus bundled with the extension. */
  useBundledSeeds: boolean;
  /** Severity of findings that are warnings by default (same-time contradictions). */
  severity: SeverityName;
  /** Severity per finding kind or kind and tier: {"title-conflict/time": "hint", "misquote": "error"}. */
  findingSeverity: Record<string, SeverityName>;
  citation: {
    style: CitationStyle;
    /** Pandoc citation keys by source id or file stem. */
    keys: Record<string, string>;
    /** The user's bibliography (CSL JSON or BibTeX), whose keys Pandoc citations use; relative to the workspace folder. */
    bibliography: string;
    /** The CSL JSON file that entries of generated Pandoc keys are added to; relative to the workspace folder. */
    references: string;
  };
  /** Articles of the workspace for claim search (globs). */
  include: string[];
  exclude: string[];
  /** Files larger than this many bytes are not analysed. */
  maxFileSize: number;
  /** A corpus load reads source files up to this many bytes in all; the files listed after that are left out, and one message says how many. */
  maxSourcesSize: number;
  /** Show code lenses above claims. */
  codeLens: boolean;
  /** A shared archive (PostgreSQL connection string) to check against instead of the local corpus; '' for none. */
  archive: string;
}

export const DEFAULT_SETTINGS: Settings = {
  sources: [],
  useBundledSeeds: true,
  severity: 'warning',
  findingSeverity: {},
  citation: { style: 'auto', keys: {}, bibliography: '', references: 'references.json' },
  include: ['**/*.{txt,md}'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.vscode-test/**'],
  maxFileSize: 1024 * 1024,
  maxSourcesSize: DEFAULT_MAX_TOTAL_BYTES,
  codeLens: true,
  archive: '',
};

const STYLES: CitationStyle[] = ['auto', 'footnote', 'pandoc', 'inline'];

export interface NormalizedSettings {
  settings: Settings;
  /** One line per value that was ignored. */
  problems: string[];
}

/** Turns whatever the client sent for `claimlens` into valid settings. */
export function normalizeSettings(raw: unknown): NormalizedSettings {
  const problems: string[] = [];
  const o = isObject(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isObject(raw)) problems.push('claimlens settings must be an object; using defaults');
  const d = DEFAULT_SETTINGS;
  const pick = <T>(key: string, ok: (v: unknown) => v is T, fallback: T, want: string): T => {
    const v = get(o, key);
    if (v === undefined || v === null) return fallback;
    if (ok(v)) return v;
    problems.push(`claimlens.${key} must be ${want}; using the default ${JSON.stringify(fallback)}`);
    return fallback;
  };
  const citation = {
    style: pick('citation.style', (v): v is CitationStyle => STYLES.includes(v as CitationStyle), d.citation.style, `one of ${STYLES.join(', ')}`),
    keys: pick('citation.keys', (v): v is Record<string, string> => isObject(v) && Object.values(v).every((x) => typeof x === 'string'), d.citation.keys, 'an object of strings'),
    bibliography: pick('citation.bibliography', isString, d.citation.bibliography, 'a path to a .json (CSL JSON) or .bib file').trim(),
    references: pick('citation.references', isString, d.citation.references, 'a path to a .json file').trim(),
  };
  const maxFileSize = pick('maxFileSize', isPositiveNumber, d.maxFileSize, 'a positive number of bytes');
  return {
    settings: {
      sources: pick('sources', isStringArray, d.sources, 'an array of folder paths or globs').filter((s) => s.trim() !== ''),
      useBundledSeeds: pick('useBundledSeeds', isBoolean, d.useBundledSeeds, 'true or false'),
      severity: pick('severity', isSeverity, d.severity, `one of ${SEVERITIES.join(', ')}`),
      findingSeverity: pick(
        'findingSeverity',
        (v): v is Record<string, SeverityName> => isObject(v) && Object.entries(v).every(([k, x]) => isSeverityKey(k) && isSeverity(x)),
        d.findingSeverity,
        `an object from finding kinds ("misquote") or kinds and tiers ("title-conflict/time") to one of ${SEVERITIES.join(', ')}`,
      ),
      citation,
      include: pick('include', isStringArray, d.include, 'an array of globs'),
      exclude: pick('exclude', isStringArray, d.exclude, 'an array of globs'),
      maxFileSize,
      maxSourcesSize: pick('maxSourcesSize', isPositiveNumber, d.maxSourcesSize, 'a positive number of bytes'),
      codeLens: pick('codeLens', isBoolean, d.codeLens, 'true or false'),
      archive: pick('archive', (v): v is string => typeof v === 'string' && (v.trim() === '' || isArchiveUrl(v.trim())), d.archive, 'a postgresql:// connection string or empty').trim(),
    },
    problems,
  };
}

const KEYS = new Set<string>(Object.keys(DEFAULT_SETTINGS));

/**
 * Finds the `claimlens` settings in what a client sends at start-up
 * (`initializationOptions`) or pushes later (`workspace/didChangeConfiguration`).
 * Editors wrap them differently: VS Code-style `{settings: {claimlens: …}}`,
 * Neovim's `init_options`, Helix's `config` and Eglot's workspace configuration
 * as `{claimlens: …}`, or the bare settings object. Returns undefined when the
 * payload holds none, so the caller keeps what it had.
 */
export function settingsIn(payload: unknown): unknown {
  if (!isObject(payload)) return undefined;
  if ('claimlens' in payload) return payload.claimlens;
  if (isObject(payload.settings)) return settingsIn(payload.settings);
  const flat = Object.keys(payload).filter((k) => k.startsWith('claimlens.'));
  if (flat.length) return Object.fromEntries(flat.map((k) => [k.slice('claimlens.'.length), payload[k]]));
  return Object.keys(payload).some((k) => KEYS.has(k) || KEYS.has(k.split('.')[0])) ? payload : undefined;
}

/**
 * The settings a client answered workspace/configuration with, over those it
 * pushed: a client that answers null or nothing (Neovim without `settings`)
 * keeps its pushed ones.
 */
export function mergeSettings(pushed: unknown, answered: unknown): unknown {
  if (!isObject(answered)) return pushed;
  return isObject(pushed) ? { ...pushed, ...answered } : answered;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSeverity(v: unknown): v is SeverityName {
  return SEVERITIES.includes(v as SeverityName);
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
}

function isBoolean(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

function isPositiveNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Reads "a.b" from nested objects or from a flat key, as clients send either. */
function get(o: Record<string, unknown>, key: string): unknown {
  if (key in o) return o[key];
  let cur: unknown = o;
  for (const part of key.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}
