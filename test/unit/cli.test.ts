// The `claimlens` bin as other tools call it: arguments, exit codes, JSON.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const BIN = join(ROOT, pkg.bin.claimlens);
const ARTICLES = join(ROOT, 'test', 'fixtures', 'articles');

const run = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('claimlens CLI', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'claimlens-cli-'));

  it('prints the JSON contract, one object per file in the order given', () => {
    const files = [join(ARTICLES, 'storm-wrapped.txt'), join(ARTICLES, 'council-roads.md')];
    const r = run(['--json', ...files]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const reports = JSON.parse(r.stdout);
    assert.deepEqual(reports.map((x: { file: string }) => x.file), files);
    const [storm] = reports;
    assert.deepEqual(Object.keys(storm), ['file', 'figures', 'officials', 'quotes', 'claims', 'findings']);
    const text = readFileSync(files[0], 'utf8');
    for (const f of storm.figures) {
      assert.equal(text.slice(f.start, f.end), f.text);
      assert.ok(['low', 'high', 'counts'].every((k) => k in f));
    }
    const hochul = storm.officials.find((o: { text: string }) => o.text === 'Hochul');
    assert.deepEqual({ name: hochul.name, title: hochul.title }, { name: 'Kathy Hochul', title: 'Governor' });
    for (const c of storm.claims) assert.ok(Array.isArray(c.support));
  });

  it('prints a readable report with line and column', () => {
    const r = run([join(ARTICLES, 'storm-wrapped.txt')]);
    assert.match(r.stdout, /4:9 +at least 12 people +→ 12–13, deaths \(killing\)/);
    assert.match(r.stdout, /8:1 +Hochul → Kathy Hochul +Governor/);
  });

  it('reads standard input for -', () => {
    const r = run(['--json', '-'], 'Officials said 35 people were killed.');
    assert.equal(JSON.parse(r.stdout)[0].figures[0].text, '35 people');
  });

  it('resolves a surname from the bundled seeds, and not with --no-seeds', () => {
    const file = join(tmp, 'kirby.txt');
    writeFileSync(file, 'Kirby said the talks were at an advanced stage.\n');
    assert.equal(JSON.parse(run(['--json', file]).stdout)[0].officials[0].name, 'John Kirby');
    assert.deepEqual(JSON.parse(run(['--json', '--no-seeds', file]).stdout)[0].officials, []);
  });

  for (const [what, args, message] of [
    ['an unknown option', ['--frobnicate', 'x.txt'], /unknown option --frobnicate/],
    ['no files', ['--json'], /no files given/],
    ['a missing file', ['no-such-file.txt'], /no-such-file\.txt: no such file/],
    ['a directory', [ARTICLES], /is a directory/],
    ['--sources without a value', ['--sources'], /needs a value/],
  ] as const) {
    it(`exits 2 with one line on stderr for ${what}`, () => {
      const r = run([...args]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
    });
  }

  it('exits 2 for a binary file and for invalid UTF-8', () => {
    const bin = join(tmp, 'image.txt');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    assert.match(run([bin]).stderr, /is a binary file/);
    const latin = join(tmp, 'latin1.txt');
    writeFileSync(latin, Buffer.from('caf\xe9 35 people', 'latin1'));
    const r = run([latin]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not valid UTF-8/);
  });

  it('warns about a missing --sources folder and goes on', () => {
    const r = run(['--json', '--sources', join(tmp, 'missing'), join(ARTICLES, 'storm-wrapped.txt')]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: Source folder .*missing does not exist/);
  });

  it('prints help and the version', () => {
    assert.match(run(['--help']).stdout, /Usage: claimlens/);
    assert.equal(run(['--version']).stdout.trim(), pkg.version);
  });
});
