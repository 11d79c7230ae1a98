// What the editor checks need: Debian's neovim (and emacs-nox + elpa-eglot for
// the Eglot check), installed with apt-get when missing and running as root,
// as test/e2e/tools.ts does for chromium; and the editor setups, taken from
// the README so that the checks fail when the README's setup breaks.

import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../root';

/** Installs the Debian packages that are missing; says how when not root. */
export function ensureDebianPackages(packages: string[]): void {
  const missing = packages.filter((p) => {
    try {
      return !/Status: install ok installed/.test(execFileSync('dpkg', ['-s', p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      return true;
    }
  });
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`the editor checks need Debian packages ${missing.join(', ')}: run  sudo apt-get install -y ${missing.join(' ')}`);
  process.stderr.write(`[editor checks] installing ${missing.join(', ')} with apt-get\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args: string[]) => execFileSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    run(['install', '-y', '--no-install-recommends', ...missing]);
  } catch {
    // A machine whose package lists are old or missing: fetch them once, then install.
    run(['update']);
    run(['install', '-y', '--no-install-recommends', ...missing]);
  }
}

/**
 * The fenced block of `language` that follows the README heading starting
 * with `heading` (the first one, or the n-th), with a clear error when the
 * README no longer has it.
 */
export function readmeBlock(heading: string, language: string, n = 0): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.split('\n').findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '').startsWith(heading));
  if (start < 0) throw new Error(`README.md has no section "${heading}"`);
  const section = readme.split('\n').slice(start + 1);
  const end = section.findIndex((l) => /^#+ /.test(l));
  const body = (end < 0 ? section : section.slice(0, end)).join('\n');
  const blocks = [...body.matchAll(new RegExp('^```' + language + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]);
  if (!blocks[n]) throw new Error(`README.md section "${heading}" has no ${language} block number ${n + 1}`);
  return blocks[n];
}

/** A source in the project's archive folder, which only the README's settings bring in. */
const BRIEFING = `Pentagon briefing on Lebanon

Pentagon spokesperson Sabrina Singh told reporters on Wednesday that the U.S. military had no involvement in Israel's operations in Lebanon.
Singh described the diplomatic push by Washington as a "full-court press" to keep the war from spreading.
`;
/** An article nobody opens: claim search finds it only if the root is the project's. */
const NOTE = 'Talks\n\nSecretary of State Antony Blinken said on Tuesday that talks in Cairo would resume next week.\n';

export interface EditorHome {
  /** A fresh HOME, with this checkout as ~/claimlens (the README's path). */
  home: string;
  /** ~/project: a .git marker, archive/ (sources), drafts/followup.txt (a labelled article), notes/blinken.txt. */
  project: string;
  article: string;
  note: string;
  /** The environment an editor runs in: HOME and the XDG folders inside `home`. */
  env: NodeJS.ProcessEnv;
}

export function editorHome(name: string): EditorHome {
  const home = mkdtempSync(join(tmpdir(), `claimlens-${name}-`));
  const project = join(home, 'project');
  symlinkSync(ROOT, join(home, 'claimlens'));
  for (const d of ['.git', 'archive', 'drafts', 'notes']) mkdirSync(join(project, d), { recursive: true });
  writeFileSync(join(project, 'archive', 'briefing.txt'), BRIEFING);
  const note = join(project, 'notes', 'blinken.txt');
  writeFileSync(note, NOTE);
  const article = join(project, 'drafts', 'followup.txt');
  cpSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), article);
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
  return { home, project, article, note, env };
}

/**
 * Runs an editor headless in `at` until its check script writes what it saw
 * to $CLAIMLENS_CHECK_OUT and quits; a check that recorded an error, or
 * nothing, fails with the editor's output.
 */
export function runEditor<T extends { error?: string }>(at: EditorHome, command: string, args: string[]): T {
  const out = join(at.home, 'observed.json');
  const run = spawnSync(command, args, {
    cwd: at.home,
    encoding: 'utf8',
    timeout: 180000,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...at.env, CLAIMLENS_CHECK_OUT: out, CLAIMLENS_CHECK_OTHER: at.note },
  });
  const log = `${command} exited with ${run.status ?? run.signal}\n${run.stdout}\n${run.stderr}`;
  let seen: T;
  try {
    seen = JSON.parse(readFileSync(out, 'utf8'));
  } catch {
    throw new Error(`${command} recorded nothing: ${log}`);
  }
  if (seen.error) throw new Error(`${seen.error}\n${JSON.stringify(seen, null, 1)}\n${log}`);
  return seen;
}

/** Removes an editor home: the link to this checkout first, so nothing can follow it. */
export function removeEditorHome(at: EditorHome | undefined): void {
  if (!at) return;
  unlinkSync(join(at.home, 'claimlens'));
  rmSync(at.home, { recursive: true, force: true });
}
