// The written invariants of ARCHITECTURE.md, checked on the source tree.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..', '..', 'server', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const importsOf = (path: string) => [...readFileSync(path, 'utf8').matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('architecture invariants', () => {
  it('analysis, corpus and evidence never import vscode or the LSP libraries', () => {
    for (const layer of ['analysis', 'corpus', 'evidence']) {
      for (const file of files(join(SRC, layer))) {
        const bad = importsOf(file).filter((m) => /^vscode/.test(m));
        assert.deepEqual(bad, [], relative(SRC, file));
      }
    }
  });

  it('analysis imports nothing from corpus, evidence, features or the server', () => {
    for (const file of files(join(SRC, 'analysis'))) {
      const bad = importsOf(file).filter((m) => /^\.\.\/(?:corpus|evidence|features|server|session)/.test(m));
      assert.deepEqual(bad, [], relative(SRC, file));
    }
  });

  it('only positions.ts turns offsets into lines (no other module counts line breaks)', () => {
    for (const file of files(SRC)) {
      if (file.endsWith('positions.ts')) continue;
      const text = readFileSync(file, 'utf8');
      assert.ok(!/positionAt\s*\(\s*[^)]*\)\s*\{|offsetAt\s*\(\s*[^)]*\)\s*\{/.test(text), `${relative(SRC, file)} defines its own position conversion`);
    }
  });
});
