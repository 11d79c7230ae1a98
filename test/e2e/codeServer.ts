// A real VS Code for the end-to-end tests: code-server (VS Code's workbench
// over HTTP with a real Node extension host) under Node 24, opened in
// Debian's headless chromium through playwright-core. Everything started here
// is stopped by `close()`: the browser context, the code-server process group,
// and every timer.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import * as tools from './tools';

export const ROOT = tools.ROOT;
export const OUTPUT = join(ROOT, 'test-output', 'e2e');

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'editor.hover.delay': 100,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // News articles put a paragraph on one long line.
  'editor.wordWrap': 'on',
};

export interface Options {
  /** The folder to open. */
  workspace: string;
  /** Install this packaged extension before starting. */
  vsix?: string;
  /** Load the extension from this folder in development mode (with the smoke-test driver). */
  developmentPath?: string;
  /** Run these extension tests inside the extension host (development mode only). */
  testsPath?: string;
  env?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export class VSCode {
  readonly log: string[] = [];
  context?: BrowserContext;
  page?: Page;
  private profile?: string;
  private constructor(
    readonly port: number,
    readonly dirs: { root: string; userData: string; extensions: string },
    private readonly process: ChildProcess,
  ) {}

  static async start(options: Options): Promise<VSCode> {
    const paths = tools.ensureTools();
    const root = mkdtempSync(join(tmpdir(), 'claimlens-e2e-'));
    const dirs = { root, userData: join(root, 'ud'), extensions: join(root, 'ext') };
    for (const d of ['ud/User', 'ext', 'xdg-config', 'xdg-data', 'tmp']) mkdirSync(join(root, d), { recursive: true });
    writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    // code-server writes a password config into the home folder unless these point elsewhere.
    const env = {
      ...process.env,
      XDG_CONFIG_HOME: join(root, 'xdg-config'),
      XDG_DATA_HOME: join(root, 'xdg-data'),
      TMPDIR: join(root, 'tmp'),
      ...options.env,
    };
    if (options.vsix) {
      const r = spawnSync(paths.node24, [paths.codeServer, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', options.vsix], {
        env,
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`installing ${options.vsix} failed:\n${r.stdout}\n${r.stderr}`);
    }
    const port = await freePort();
    const args = [
      paths.codeServer,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      ...(options.developmentPath ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      options.workspace,
    ];
    // Its own process group, so close() ends code-server and every child it started.
    const child = spawn(paths.node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const vscode = new VSCode(port, dirs, child);
    await new Promise<void>((resolve, reject) => {
      const onData = (d: Buffer) => {
        vscode.log.push(String(d));
        if (/HTTP server listening/.test(String(d))) resolve();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`code-server exited with ${code} before listening:\n${vscode.log.join('')}`)));
    });
    return vscode;
  }

  url(options: Options): string {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${this.port}${p}`;
    const payload: [string, string][] = [];
    if (options.developmentPath) payload.push(['extensionDevelopmentPath', remote(options.developmentPath)]);
    if (options.testsPath) payload.push(['extensionTestsPath', remote(options.testsPath)]);
    const query = new URLSearchParams({ folder: options.workspace });
    if (payload.length) query.set('payload', JSON.stringify(payload));
    return `http://127.0.0.1:${this.port}/?${query}`;
  }

  /** Opens the workbench in headless chromium; `onExit` receives the extension tests' exit code. */
  async open(options: Options, onExit?: (code: number) => void): Promise<Page> {
    const profile = mkdtempSync(join(tmpdir(), 'claimlens-chromium-'));
    this.profile = profile;
    this.context = await chromium.launchPersistentContext(profile, {
      executablePath: tools.paths.chromium,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = this.context.pages()[0] ?? (await this.context.newPage());
    if (onExit) await page.exposeFunction('codeAutomationExit', (code: number) => onExit(code));
    await page.goto(this.url(options));
    this.page = page;
    return page;
  }

  /** code-server's own log plus the extension host's and the language server's, for a failure report. */
  logs(): string {
    const parts = [`--- code-server ---\n${this.log.join('')}`];
    const walk = (dir: string): string[] => {
      try {
        return readdirSync(dir).flatMap((n) => {
          const p = join(dir, n);
          return statSync(p).isDirectory() ? walk(p) : /exthost|Claim Lens|claimlens/i.test(p) && p.endsWith('.log') ? [p] : [];
        });
      } catch {
        return [];
      }
    };
    for (const f of walk(join(this.dirs.userData, 'logs'))) parts.push(`--- ${f} ---\n${readFileSync(f, 'utf8').slice(-20000)}`);
    // The logs go into a CI log or a file, where colour codes are noise.
    return parts.join('\n').replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  }

  async close(): Promise<void> {
    await this.context?.close().catch(() => undefined);
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
    if (this.process.exitCode === null && this.process.pid) {
      const exited = new Promise((r) => this.process.once('exit', r));
      try {
        process.kill(-this.process.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const force = setTimeout(() => {
        try {
          process.kill(-this.process.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
      force.unref();
      await exited;
      clearTimeout(force);
    }
    rmSync(this.dirs.root, { recursive: true, force: true });
  }
}

/** A workspace for the tests: some of our labelled articles and an empty settings file. */
export function makeWorkspace(files: string[]): string {
  const ws = mkdtempSync(join(tmpdir(), 'claimlens-ws-'));
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'settings.json'), '{}\n');
  for (const f of files) writeFileSync(join(ws, f), readFileSync(join(ROOT, 'test', 'fixtures', 'articles', f)));
  return ws;
}
