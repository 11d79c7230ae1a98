// Bad input over real LSP messages: the server answers, reports, and keeps
// serving — a file over the size limit, a binary file, a flood of edits, a
// malformed request or setting, and faulty source folders.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hover } from 'vscode-languageserver-protocol';
import { Corpus, sourceRoot } from '../../server/src/corpus/corpus';
import { LspClient, ROOT, uriOf } from './lsp';

const FOLLOWUP = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), 'utf8');

describe('protocol: robustness', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-robust-'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: dir, settings: { maxFileSize: 5000 } });
  });
  after(async () => client.stop());

  it('skips a file over claimlens.maxFileSize with one information message', async () => {
    const big = 'The strike killed 140 people in Lebanon.\n'.repeat(200);
    const d = await client.open(uriOf(join(dir, 'big.txt')), big);
    assert.equal(d.diagnostics.length, 1);
    assert.equal(d.diagnostics[0].severity, 3);
    assert.match(d.diagnostics[0].message as string, /larger than claimlens\.maxFileSize \(5000 bytes\)/);
  });

  it('skips a binary file, and one that was not valid UTF-8, opened as text', async () => {
    const d = await client.open(uriOf(join(dir, 'image.txt')), 'PNG\u0000\u0000\u0001 killed 140 people');
    assert.deepEqual(d.diagnostics.map((x) => x.code), ['binary']);
    const e = await client.open(uriOf(join(dir, 'latin1.txt')), 'caf\ufffd: the strike killed 140 people in Lebanon.');
    assert.deepEqual(e.diagnostics.map((x) => x.code), ['invalid-utf8']);
  });

  it('shows the last version after a flood of 1,000 edits, never a stale one, and holds one result per document', async () => {
    const uri = uriOf(join(dir, 'flood.txt'));
    await client.open(uri, FOLLOWUP);
    const before = await client.request<{ entries: number; heapUsed: number }>('claimlens/stats', {});
    const seen = client.notifications.length;
    // Type "x" a thousand times without waiting, then the final version fixes the figure.
    for (let v = 2; v <= 1000; v++) {
      void client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }] });
    }
    const last = client.waitForDiagnostics(uri, (p) => p.version === 1001);
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 1001 }, contentChanges: [{ text: FOLLOWUP.replace('140 people', 'over 1,400 people') }] });
    const d = await last;
    assert.ok(!d.diagnostics.some((x) => x.code === 'contradicted-figure'));
    assert.deepEqual(d.diagnostics.map((x) => x.code).sort(), ['misquote', 'title-conflict']);
    // Whatever was published, versions only go up and the last one wins.
    const published = client.notifications
      .slice(seen)
      .filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri === uri)
      .map((n) => (n.params as { version: number }).version);
    assert.deepEqual(published, [...published].sort((a, b) => a - b));
    assert.equal(published.at(-1), 1001);
    assert.ok(published.length < 100, `${published.length} analyses for a burst of 1,000 edits`);
    const after = await client.request<{ entries: number; heapUsed: number }>('claimlens/stats', {});
    assert.equal(after.entries, before.entries);
    assert.ok(after.heapUsed < before.heapUsed * 2 + 50e6, `heap ${before.heapUsed} → ${after.heapUsed}`);
  });

  it('answers a request that makes a feature throw with an error, and keeps serving', async () => {
    const uri = uriOf(join(dir, 'fine.txt'));
    await client.open(uri, FOLLOWUP);
    await assert.rejects(client.request('textDocument/hover', { textDocument: { uri }, position: null }), /Claim Lens hover failed/);
    await assert.rejects(client.request('workspace/executeCommand', { command: 'claimlens.ignoreInWorkspace', arguments: [42] }), /ignoreInWorkspace needs/);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 30 } });
    assert.match((h.contents as { value: string }).value, /140 people/);
  });

  it('warns about a malformed setting and uses its default', async () => {
    const c = await LspClient.start({ root: dir, settings: { sources: 'archive', severity: 'loud', maxFileSize: -1 } });
    try {
      const warned = c.waitForNotification('window/showMessage', (p) => /claimlens\.sources must be an array/.test((p as { message: string }).message));
      const d = await c.open(uriOf(join(dir, 'settings.txt')), FOLLOWUP);
      await warned;
      // The default severities: warnings for the misquote, information for what time could explain.
      assert.ok(d.diagnostics.length >= 3 && d.diagnostics.every((x) => x.severity === (x.code === 'misquote' ? 2 : 3)));
    } finally {
      await c.stop();
    }
  });
});

describe('corpus folders and globs', () => {
  it('reads a glob as its folder and the pattern files must match', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-glob-'));
    mkdirSync(join(dir, 'archive', '2024'), { recursive: true });
    writeFileSync(join(dir, 'archive', '2024', 'a.md'), 'A rocket attack on Sunday killed four Israeli troops.\n');
    writeFileSync(join(dir, 'archive', '2024', 'b.txt'), 'The council met on Monday.\n');
    writeFileSync(join(dir, 'archive', 'c.md'), 'Officials said 35 people were hurt.\n');
    const corpus = new Corpus();
    corpus.load([sourceRoot('archive/**/*.md', dir)]);
    assert.deepEqual(corpus.sources().map((s) => s.id).sort(), ['archive/2024/a.md', 'archive/c.md']);
    assert.equal(corpus.owns(join(dir, 'archive', '2024', 'b.txt')), undefined);
    assert.equal(corpus.owns(join(dir, 'archive', 'new.md')), join(dir, 'archive'));
    assert.deepEqual(sourceRoot('~/x/*.txt', '/base'), { folder: '/base/~/x', pattern: '*.txt' });
    assert.deepEqual(sourceRoot('/abs/news', '/base'), { folder: '/abs/news' });
  });

  it('takes globs from claimlens.sources over LSP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-glob-lsp-'));
    mkdirSync(join(dir, 'archive'));
    writeFileSync(join(dir, 'archive', 'harbor.md'), 'Storm in Port Azure\n\nThe harbor authority said the storm sank 41 fishing boats in Port Azure on Monday.\n');
    writeFileSync(join(dir, 'archive', 'harbor.txt'), 'Storm in Port Azure\nThe harbor authority said the storm sank 14 fishing boats in Port Azure on Monday.\n');
    const c = await LspClient.start({ root: dir, settings: { sources: ['archive/*.md'], useBundledSeeds: false } });
    try {
      const d = await c.open(uriOf(join(dir, 'article.txt')), 'Harbor report\nThe harbor authority said the storm sank 14 fishing boats in Port Azure on Monday.\n');
      assert.deepEqual(d.diagnostics.map((x) => [x.code, x.relatedInformation?.map((r) => r.location.uri.endsWith('archive/harbor.md'))]), [['contradicted-figure', [true]]]);
    } finally {
      await c.stop();
    }
  });
});

describe('corpus faults', () => {
  it('skips a named pipe, an invalid UTF-8 file and a binary file with a message, and loads the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-faults-'));
    writeFileSync(join(dir, 'good.txt'), 'A rocket attack on Sunday killed four Israeli troops.\n');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('caf\xe9 killed 4 people', 'latin1'));
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    execFileSync('mkfifo', [join(dir, 'pipe.txt')]);
    const corpus = new Corpus();
    corpus.load([dir]);
    assert.deepEqual(corpus.sources().map((s) => s.id.split('/').pop()), ['good.txt']);
    const messages = corpus.problems.map((p) => p.message).join('\n');
    assert.match(messages, /latin1\.txt: is not valid UTF-8/);
    assert.match(messages, /image\.md: is a binary file/);
    assert.match(messages, /pipe\.txt: cannot be read/);
  });

  it('forgets a source deleted after it was listed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimlens-deleted-'));
    writeFileSync(join(dir, 'a.txt'), 'The strike killed 140 people in Lebanon.\n');
    writeFileSync(join(dir, 'b.txt'), 'The strike injured 35 people in Lebanon.\n');
    const corpus = new Corpus();
    corpus.load([dir]);
    rmSync(join(dir, 'a.txt'));
    assert.equal(corpus.refresh(join(dir, 'a.txt')), true);
    assert.deepEqual(corpus.sources().map((s) => s.id), [`${dir.split('/').pop()}/b.txt`]);
    assert.deepEqual(corpus.problems, []);
  });

  it('loads a folder of 10,000 files', async function () {
    this.timeout(120000);
    const dir = join(mkdtempSync(join(tmpdir(), 'claimlens-10k-')), 'sources');
    for (let i = 0; i < 100; i++) {
      mkdirSync(join(dir, `d${i}`), { recursive: true });
      for (let j = 0; j < 100; j++) writeFileSync(join(dir, `d${i}`, `note-${j}.txt`), `Note ${i}-${j}: the council met on Monday.\n`);
    }
    const corpus = new Corpus();
    await corpus.loadAsync([dir]);
    assert.equal(corpus.size, 10000);
    rmSync(dir, { recursive: true, force: true });
  });
});
