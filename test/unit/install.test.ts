// The documented installs put `claimlens` and `claimlens-server` on the PATH:
// from the npm tarball (`npm pack`, then `npm install -g` of it: what a
// newsroom's CI runner does) and from the clone (`npm install -g .`). Both
// install into a temporary prefix, offline, and run from another folder, so
// they prove the package holds everything dist/ needs at run time.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ROOT } from '../root';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

// npm's own output (warnings, funding notes) and a user's global settings stay out of the way.
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_loglevel: 'error' };

function npm(args: string[], cwd: string) {
  const r = spawnSync('npm', args, { cwd, env: NPM_ENV, encoding: 'utf8' });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

const temporary: string[] = [];
const tempDir = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), name));
  temporary.push(dir);
  return dir;
};

/** Installs into a fresh prefix and returns its bin folder. */
function installGlobally(what: string, cwd: string): string {
  const prefix = tempDir('claimlens-prefix-');
  // npm wants the prefix's lib folder to exist before a global install into it.
  mkdirSync(join(prefix, 'lib'), { recursive: true });
  npm(['install', '--global', '--prefix', prefix, '--offline', what], cwd);
  return join(prefix, 'bin');
}

/** Runs an installed command by name, the way a shell finds it on the PATH, from a folder outside the clone. */
function runInstalled(bin: string, command: string, args: string[], cwd: string, input?: string) {
  const r = spawnSync(command, args, { cwd, input, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the installed server and completes the LSP handshake. */
async function serverCapabilities(bin: string, cwd: string) {
  const child = spawn(join(bin, 'claimlens-server'), ['--stdio'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest(() => null);
  connection.listen();
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`claimlens-server exited with ${code}`))));
  try {
    const result = await Promise.race([exited, connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} })]);
    return result.capabilities;
  } finally {
    connection.dispose();
    child.kill();
  }
}

describe('installing the commands', function () {
  this.timeout(60000);
  const elsewhere = tempDir('claimlens-elsewhere-');
  const article = join(elsewhere, 'kirby.txt');
  writeFileSync(article, 'Kirby said 35 people were killed.\n');
  // The bundles are built by the time tests run, so packing needs no build step of its own.
  const out = tempDir('claimlens-pack-');
  let packed: { filename: string; files: { path: string }[] };
  before(() => ([packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', out], ROOT))));
  after(() => {
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  });

  it('the tarball holds every bundle, the seeds and the grammars, and nothing to build or install', () => {
    const files = packed.files.map((f: { path: string }) => f.path).sort();
    const bundles = readdirSync(join(ROOT, 'dist')).filter((f) => f.endsWith('.js'));
    for (const b of bundles) assert.ok(files.includes(`dist/${b}`), `dist/${b} is packed`);
    for (const s of readdirSync(join(ROOT, 'seeds'))) assert.ok(files.includes(`seeds/${s}`), `seeds/${s} is packed`);
    assert.deepEqual(files.filter((f: string) => !/^(dist|seeds|syntaxes)\//.test(f)), ['LICENSE', 'README.md', 'client/images/icon.png', 'package.json']);
    // The bundles carry their dependencies, and nothing runs at install time:
    // npm refuses or warns about install scripts it was not told to allow.
    assert.equal(pkg.dependencies, undefined, 'dist/ bundles everything; dependencies belong in devDependencies');
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) assert.equal(pkg.scripts[hook], undefined, `no ${hook} script`);
  });

  it('from the tarball: both commands work from any folder', async () => {
    const bin = installGlobally(join(out, packed.filename), elsewhere);
    const r = runInstalled(bin, 'claimlens', ['--json', 'kirby.txt'], elsewhere);
    assert.equal(r.code, 0, r.stderr);
    // The surname resolves from the bundled seeds, so they shipped and are found from the install.
    assert.equal(JSON.parse(r.stdout)[0].officials[0].name, 'John Kirby');
    assert.equal(runInstalled(bin, 'claimlens', ['--version'], elsewhere).stdout.trim(), pkg.version);
    const capabilities = await serverCapabilities(bin, elsewhere);
    assert.ok(capabilities.hoverProvider, 'the installed server answers initialize');
  });

  it('from the clone: npm install -g . links both commands', async () => {
    const bin = installGlobally(ROOT, ROOT);
    const r = runInstalled(bin, 'claimlens', ['-'], elsewhere, 'Officials said 35 people were killed.');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /35 people/);
    assert.ok((await serverCapabilities(bin, elsewhere)).hoverProvider);
  });
});
