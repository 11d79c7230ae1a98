// The README's screenshots come from the end-to-end run, copied by one script.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyScreenshots, README_SHOTS } from '../e2e/screenshots';
import { ROOT } from '../root';

describe('README screenshots', () => {
  it('every screenshot the README shows is one the script copies, and the other way round', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shown = [...readme.matchAll(/\]\(client\/images\/screenshots\/([^)]+)\)/g)].map((m) => m[1]).sort();
    assert.deepEqual(shown, Object.values(README_SHOTS).sort());
  });

  it('every screenshot it copies is one the UI suite takes', () => {
    const suite = readFileSync(join(ROOT, 'test', 'e2e', 'ui.e2e.ts'), 'utf8');
    for (const shot of Object.keys(README_SHOTS)) assert.ok(suite.includes(`shot('${shot.replace(/\.png$/, '')}')`), shot);
  });

  it('copies all of them, or none when the run left one out', () => {
    const from = mkdtempSync(join(tmpdir(), 'claimlens-shots-'));
    const to = join(mkdtempSync(join(tmpdir(), 'claimlens-images-')), 'screenshots');
    const [first, ...rest] = Object.keys(README_SHOTS);
    for (const shot of rest) writeFileSync(join(from, shot), shot);
    assert.throws(() => copyScreenshots(from, to), new RegExp(`no ${first.replace('.', '\\.')}`));
    writeFileSync(join(from, first), first);
    copyScreenshots(from, to);
    assert.deepEqual(readdirSync(to).sort(), Object.values(README_SHOTS).sort());
    for (const [shot, image] of Object.entries(README_SHOTS)) assert.equal(readFileSync(join(to, image), 'utf8'), shot);
  });
});
