// A hostile workspace over real LSP messages: links that lead outside an
// untrusted workspace are neither read nor written through. Each case also
// runs trusted (or without the link) to show the test can see the difference.

import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SymbolInformation } from 'vscode-languageserver-protocol';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT, uriOf } from './lsp';

const HARBOR_SOURCE = 'Storm in Port Azure\nThe harbor authority said the storm sank 41 fishing boats in Port Azure on Monday.\n';
const ARTICLE = 'Harbor report\nThe harbor authority said the storm sank 14 fishing boats in Port Azure on Monday.\n';

function layout() {
  const tmp = mkdtempSync(join(tmpdir(), 'claimlens-hostile-'));
  const ws = join(tmp, 'ws');
  const outside = join(tmp, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  return { ws, outside };
}

async function both<T>(ws: string, settings: Record<string, unknown>, run: (client: LspClient) => Promise<T>): Promise<{ untrusted: T; trusted: T }> {
  const untrusted = await LspClient.start({ root: ws, settings, initializationOptions: { trusted: false } });
  const trusted = await LspClient.start({ root: ws, settings, initializationOptions: { trusted: true } });
  try {
    return { untrusted: await run(untrusted), trusted: await run(trusted) };
  } finally {
    await untrusted.stop();
    await trusted.stop();
  }
}

const codes = async (client: LspClient, uri: string) => (await client.open(uri, ARTICLE)).diagnostics.map((d) => d.code);

describe('protocol: links in an untrusted workspace', () => {
  it('reads no sources folder that is a link to a folder outside', async () => {
    const { ws, outside } = layout();
    writeFileSync(join(outside, 'harbor.txt'), HARBOR_SOURCE);
    symlinkSync(outside, join(ws, 'linked'));
    const r = await both(ws, { sources: ['linked'], useBundledSeeds: false }, (c) => codes(c, uriOf(join(ws, 'article.txt'))));
    assert.deepEqual(r.untrusted, []);
    assert.deepEqual(r.trusted, ['contradicted-figure']);
  });

  it('reads no source file that is a link to a file outside', async () => {
    const { ws, outside } = layout();
    writeFileSync(join(outside, 'harbor.txt'), HARBOR_SOURCE);
    mkdirSync(join(ws, 'archive'));
    symlinkSync(join(outside, 'harbor.txt'), join(ws, 'archive', 'harbor.txt'));
    const r = await both(ws, { sources: ['archive'], useBundledSeeds: false }, (c) => codes(c, uriOf(join(ws, 'article.txt'))));
    assert.deepEqual(r.untrusted, []);
    assert.deepEqual(r.trusted, ['contradicted-figure']);
  });

  it('indexes no workspace article that is a link to a file outside', async () => {
    const { ws, outside } = layout();
    writeFileSync(join(outside, 'secret.md'), '# Secret\n\nHarbor Master Ines Alvarez said 12 ships were stranded.\n');
    symlinkSync(join(outside, 'secret.md'), join(ws, 'linked.md'));
    writeFileSync(join(ws, 'own.md'), '# Own\n\nMayor Diane Holloway said 77 bridges need repair.\n');
    const r = await both(ws, {}, async (c) => {
      await c.waitForNotification('claimlens/status', (p) => (p as { articles: number; loading: boolean }).articles >= 1 && !(p as { loading: boolean }).loading);
      const found = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'Alvarez' });
      const own = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'Holloway' });
      return { secret: found.length, own: own.length };
    });
    assert.equal(r.untrusted.secret, 0);
    assert.ok(r.untrusted.own > 0, 'the workspace’s own article is indexed');
    assert.ok(r.trusted.secret > 0, 'a trusted workspace follows the link');
  });

  it('never writes through a linked ignore file, and never quotes the file it links to', async () => {
    const { ws, outside } = layout();
    const target = join(outside, 'precious.conf');
    const secret = 'root:x:0:0:do-not-echo-me';
    writeFileSync(target, secret);
    symlinkSync(target, join(ws, '.claimlens-ignore.json'));
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), 'utf8');
    const client = await LspClient.start({ root: ws, initializationOptions: { trusted: false } });
    try {
      const warning = client.waitForNotification('window/showMessage', (p) => /claimlens-ignore\.json/.test((p as { message: string }).message));
      const uri = uriOf(join(ws, 'a.txt'));
      await client.open(uri, text);
      const message = ((await warning).params as { message: string }).message;
      assert.match(message, /outside the workspace folder/);
      assert.ok(!message.includes('root:x'), message);
      await client.request('workspace/executeCommand', {
        command: 'claimlens.ignoreInWorkspace',
        arguments: [{ uri, kind: 'title-conflict', text: 'US Defense Secretary Yoav Gallant' }],
      });
      assert.equal(readFileSync(target, 'utf8'), secret, 'the file outside is untouched');
      assert.ok(lstatSync(join(ws, '.claimlens-ignore.json')).isFile(), 'the link was replaced by a file');
      assert.deepEqual(JSON.parse(readFileSync(join(ws, '.claimlens-ignore.json'), 'utf8')).ignore.length, 1);
    } finally {
      await client.stop();
    }
  });

  it('never quotes an ignore file that is not JSON', async () => {
    const { ws } = layout();
    writeFileSync(join(ws, '.claimlens-ignore.json'), 'password=hunter2 and more');
    const client = await LspClient.start({ root: ws });
    try {
      const warning = client.waitForNotification('window/showMessage', (p) => /claimlens-ignore\.json/.test((p as { message: string }).message));
      await client.open(uriOf(join(ws, 'a.txt')), ARTICLE);
      const message = ((await warning).params as { message: string }).message;
      assert.match(message, /not valid JSON/);
      assert.ok(!message.includes('hunter2') && !message.includes('password'), message);
    } finally {
      await client.stop();
    }
  });
});

describe('protocol: forged and late messages', () => {
  const { ws } = layout();
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), 'utf8');
  const uri = uriOf(join(ws, 'a.txt'));

  it('refuses a forged show-passages command to a file outside the corpus, and opens a real passage', async () => {
    const client = await LspClient.start({ root: ws, capabilities: { window: { workDoneProgress: true, showDocument: { support: true } } } });
    const shown: string[] = [];
    client.connection.onRequest('window/showDocument', (p: { uri: string }) => (shown.push(p.uri), { success: true }));
    try {
      await client.open(uri, text);
      const forged = { location: { uri: 'file:///etc/shadow', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, label: 'shadow', text: 'x' };
      await assert.rejects(client.request('workspace/executeCommand', { command: 'claimlens.showPassages', arguments: [{ uri, passages: [forged] }] }), /passages of the corpus only/);
      const lenses = await client.request<{ command: { command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri } });
      const lens = lenses.find((l) => l.command.command === 'claimlens.showPassages')!;
      assert.ok(lens, JSON.stringify(lenses.map((l) => l.command.command)));
      await client.request('workspace/executeCommand', { command: lens.command.command, arguments: lens.command.arguments });
      assert.deepEqual(shown.length, 1);
      assert.match(shown[0], /seeds\//);
    } finally {
      await client.stop();
    }
  });

  it('refuses an ignore entry for a finding the document does not have (a forged 5 MB text)', async () => {
    const client = await LspClient.start({ root: ws });
    try {
      await client.open(uri, text);
      await assert.rejects(
        client.request('workspace/executeCommand', { command: 'claimlens.ignoreInWorkspace', arguments: [{ uri, kind: 'misquote', text: 'x'.repeat(5 * 1024 * 1024) }] }),
        /no such finding/,
      );
      assert.throws(() => readFileSync(join(ws, '.claimlens-ignore.json')), /ENOENT/);
    } finally {
      await client.stop();
    }
  });

  it('treats a text with a NUL byte after the first 8 KB as binary', async () => {
    const client = await LspClient.start({ root: ws });
    try {
      const d = await client.open(uri, text + ' '.repeat(9000) + '\u0000');
      assert.deepEqual(d.diagnostics.map((x) => x.code), ['binary']);
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
      assert.equal(hover, null);
      const plain = await client.change(uri, [{ text }]);
      assert.ok(plain.diagnostics.length > 0, 'the same text without the NUL byte has findings');
    } finally {
      await client.stop();
    }
  });

  it('answers nothing but exit after shutdown, and publishes nothing', async () => {
    const client = await LspClient.start({ root: ws });
    try {
      await client.open(uri, text);
      await client.request('shutdown', null);
      await assert.rejects(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } }), /shut down/);
      await assert.rejects(client.request('workspace/symbol', { query: 'Gallant' }), /shut down/);
      await client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: text + '\nMore.' }] });
      await assert.rejects(client.request('claimlens/stats', {}), /shut down/);
      const exited = new Promise((resolve) => client.process.once('exit', resolve));
      await client.notify('exit', null);
      await exited;
      assert.ok(!client.notifications.some((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { version?: number }).version === 2));
    } finally {
      await client.stop();
    }
  });
});

describe('protocol: citation files in an untrusted workspace', () => {
  it('never reads or writes a references file that links outside', async () => {
    const { ws, outside } = layout();
    const target = join(outside, 'precious.json');
    writeFileSync(target, '[]');
    symlinkSync(target, join(ws, 'refs.json'));
    const text = 'Lebanon\nThe US and France proposed a 21-day pause in the fighting.\n';
    const uri = uriOf(join(ws, 'pause.txt'));
    const titles = await both(ws, { citation: { style: 'pandoc', references: 'refs.json' } }, async (client) => {
      const { diagnostics } = await client.open(uri, text);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: positionOf(text, 'The US'), end: positionOf(text, 'The US', 6) }, context: { diagnostics } });
      return actions.filter((a) => a.title.startsWith('Cite CNN')).map((a) => a.title);
    });
    assert.ok(titles.trusted.some((t) => /adding \S+ to refs\.json$/.test(t)), titles.trusted.join('\n'));
    assert.ok(titles.untrusted.length > 0, 'the citation is still offered');
    assert.ok(!titles.untrusted.some((t) => /refs\.json/.test(t)), titles.untrusted.join('\n'));
  });
});
