// The packaged extension: exactly the bundles, the seeds, the grammars, the
// README, licence and icon — no sources, tests or dependencies — and small.
// The manifest carries what the Marketplace needs.

import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { ROOT } from './codeServer';

const VSIX = join(ROOT, 'claimlens.vsix');
// Saved web pages (Readability on linkedom) and the archive client (pg) are
// bundled into the server since issues 11 and 16, about 1 MB in all; the
// limit stays far under the 10 MB the product allows so that a stray
// dependency pulled into a bundle still fails here.
const MAX_BYTES = 2 * 1024 * 1024;

function entries(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names.sort()));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('end to end: the packaged extension', () => {
  it('holds the bundles, seeds, grammars, README, licence and icon, and nothing else', async () => {
    const seeds = ['000_b5026f04b527744f.txt', '001_059e4d35e3c8ffef.txt', '002_15f8729702094d63.txt', '003_926bae8ec0471e26.txt'];
    assert.deepEqual(await entries(VSIX), [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/client/images/icon.png',
      'extension/dist/cli.js',
      'extension/dist/extension.js',
      'extension/dist/indexer.js',
      'extension/dist/server.js',
      'extension/package.json',
      'extension/readme.md',
      ...seeds.map((s) => `extension/seeds/${s}`),
      'extension/seeds/claimlens-sources.json',
      'extension/syntaxes/claimlens-article.tmLanguage.json',
      'extension/syntaxes/claimlens-markdown.injection.json',
    ]);
  });

  it(`stays under ${MAX_BYTES / 1024} KB`, () => {
    assert.ok(statSync(VSIX).size < MAX_BYTES, `${statSync(VSIX).size} bytes`);
  });

  it('has a manifest complete for publishing', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const key of ['publisher', 'displayName', 'description', 'categories', 'keywords', 'repository', 'engines', 'activationEvents', 'icon', 'license']) {
      assert.ok(pkg[key], `package.json has ${key}`);
    }
    const c = pkg.contributes;
    for (const key of ['languages', 'grammars', 'configuration', 'commands', 'menus', 'semanticTokenTypes']) assert.ok(c[key], `contributes.${key}`);
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['claimlens.sources', 'claimlens.archive']);
    // Every setting has a description and a default.
    for (const [name, s] of Object.entries(c.configuration.properties as Record<string, { default?: unknown; description?: string; markdownDescription?: string }>)) {
      assert.ok(s.description || s.markdownDescription, `${name} has a description`);
      assert.ok('default' in s, `${name} has a default`);
    }
  });
});
