// The language server with claimlens.archive: the same diagnostics and
// hovers as with the local sources when the archive holds the same sources,
// and one warning (then the local sources) when the archive cannot be used.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { openPool } from '../../server/src/archive/db';
import { LineIndex } from '../../server/src/positions';
import { ingest } from '../../server/src/archive/ingest';
import { LspClient, uriOf } from '../protocol/lsp';
import { ROOT } from '../root';
import { PASSWORD_ROLE, testServer } from './postgres';

const ARTICLE = join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt');

describe('claimlens.archive in the language server', function () {
  this.timeout(120000);
  let url: string;
  const root = mkdtempSync(join(tmpdir(), 'claimlens-editor-archive-'));
  const clients: LspClient[] = [];

  before(async () => {
    const server = await testServer();
    url = await server.createDatabase('editor_archive');
    const pool = openPool(url);
    // The server reads the bundled seeds from dist/../seeds: the archive holds the same files.
    await ingest(pool, url, [join(ROOT, 'seeds')]);
    await pool.end();
  });
  after(async () => {
    for (const c of clients) await c.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const start = async (settings: Record<string, unknown>) => {
    const c = await LspClient.start({ root, settings });
    clients.push(c);
    return c;
  };
  const text = readFileSync(ARTICLE, 'utf8');
  const uri = uriOf(join(root, 'article.txt'));

  it('publishes the diagnostics the local sources give, and hovers on officials alike', async () => {
    const [local, shared] = await Promise.all([start({}), start({ archive: url })]);
    const [a, b] = await Promise.all([local.open(uri, text), shared.open(uri, text)]);
    assert.ok(a.diagnostics.length > 0);
    assert.deepEqual(b.diagnostics, a.diagnostics);
    const line = text.split('\n').findIndex((l) => l.includes('Gallant'));
    const position = { line, character: text.split('\n')[line].indexOf('Gallant') + 2 };
    const [ha, hb] = await Promise.all([local.request('textDocument/hover', { textDocument: { uri }, position }), shared.request('textDocument/hover', { textDocument: { uri }, position })]);
    assert.ok(ha);
    assert.deepEqual(hb, ha);
    assert.ok(!shared.notifications.some((n) => n.method === 'window/showMessage'));
  });

  it('answers every hover and lens of the fixtures as the local sources do, their source lines included', async () => {
    const [local, shared] = await Promise.all([start({}), start({ archive: url })]);
    const dir = join(ROOT, 'test', 'fixtures', 'articles');
    let links = 0;
    for (const file of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f))) {
      const body = readFileSync(join(dir, file), 'utf8');
      const at = uriOf(join(root, file));
      const [a, b] = await Promise.all([local.open(at, body), shared.open(at, body)]);
      assert.deepEqual(b.diagnostics, a.diagnostics, file);
      // Every official (their hovers list the people's titles, quotes and sources, with lines) and every claim.
      const analysis = analyze(body, { format: file.endsWith('.md') ? 'markdown' : 'plaintext' });
      const lines = new LineIndex(body);
      for (const span of [...analysis.officials, ...analysis.claims]) {
        const position = lines.positionAt(span.start);
        const params = { textDocument: { uri: at }, position };
        const [ha, hb] = await Promise.all([local.request('textDocument/hover', params), shared.request('textDocument/hover', params)]);
        assert.deepEqual(hb, ha, `${file} at ${JSON.stringify(position)}`);
        links += (JSON.stringify(ha ?? '').match(/#L\d+/g) ?? []).filter((l) => l !== '#L1').length;
      }
      const lens = { textDocument: { uri: at } };
      const [la, lb] = await Promise.all([local.request('textDocument/codeLens', lens), shared.request('textDocument/codeLens', lens)]);
      assert.deepEqual(lb, la, file);
    }
    // The comparison covered links into sources beyond their first line.
    assert.ok(links > 0);
  });

  it("links a person's quote to its line when the check never read that source whole", async () => {
    // The quote's source shares only the name with the article; forty sources closer to it fill the retrieval,
    // so the archive reads the quote's source for the person's record alone, without its body.
    const folder = mkdtempSync(join(tmpdir(), 'claimlens-editor-quotes-'));
    const quoted = 'Road works begin on Monday across the east side of Millbrook.\n\nThe works will close three lanes for six weeks.\n\n"We will keep one lane open at all times," Transport Director Priya Castellane said.\n';
    writeFileSync(join(folder, 'a-works.txt'), quoted);
    for (let i = 0; i < 40; i++) writeFileSync(join(folder, `depot-${i}.txt`), `Transport Director Priya Castellane opened a bus depot with ${i + 20} electric buses in north Millbrook on Tuesday.\n`);
    const server = await testServer();
    const archive = await server.createDatabase('editor_quotes');
    const pool = openPool(archive);
    await ingest(pool, archive, [folder]);
    await pool.end();
    const article = 'Transport Director Priya Castellane opened a bus depot with 90 electric buses in north Millbrook on Tuesday.\n';
    const at = uriOf(join(root, 'depot.txt'));
    const [local, shared] = await Promise.all([start({ sources: [folder], useBundledSeeds: false }), start({ archive, useBundledSeeds: false })]);
    await Promise.all([local.open(at, article), shared.open(at, article)]);
    const params = { textDocument: { uri: at }, position: { line: 0, character: article.indexOf('Castellane') + 2 } };
    const [ha, hb] = await Promise.all([local.request('textDocument/hover', params), shared.request('textDocument/hover', params)]);
    assert.deepEqual(hb, ha);
    // Line 5 of the quote's source, as the local sources give it.
    assert.match(JSON.stringify(hb), /a-works\.txt#L5\b/);
    rmSync(folder, { recursive: true, force: true });
  });

  it('warns once and checks against the local sources when the archive refuses', async () => {
    const server = await testServer();
    const bad = server.url('editor_archive', { user: PASSWORD_ROLE, password: 'not-it' });
    const [local, shared] = await Promise.all([start({}), start({ archive: bad })]);
    const [a, b] = await Promise.all([local.open(uri, text), shared.open(uri, text)]);
    assert.deepEqual(b.diagnostics, a.diagnostics);
    const warning = await shared.waitForNotification('window/showMessage', (p) => /archive/.test((p as { message: string }).message));
    const message = (warning.params as { message: string }).message;
    assert.match(message, /refused the credentials.*checking against the local sources instead/);
    assert.ok(!message.includes('not-it'));
    await shared.change(uri, [{ text: text + '\n' }]);
    assert.equal(shared.notifications.filter((n) => n.method === 'window/showMessage').length, 1);
  });
});
