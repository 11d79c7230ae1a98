// Evidence over real LSP messages: diagnostics with relatedInformation,
// code lenses, hover sections, and sources that reload when files change.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT, uriOf } from './lsp';

const FOLLOWUP = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), 'utf8');
const SEEDS = join(ROOT, 'seeds');


describe('protocol: evidence', () => {
  let client: LspClient;
  const uri = uriOf(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'));
  let diags: PublishDiagnosticsParams;

  before(async () => {
    client = await LspClient.start();
    diags = await client.open(uri, FOLLOWUP);
  });
  after(async () => client.stop());

  it('publishes one diagnostic per finding, on the exact span, with the source passage as related information', () => {
    const byCode = new Map(diags.diagnostics.map((d) => [d.code, d]));
    assert.deepEqual([...byCode.keys()].sort(), ['contradicted-figure', 'misquote', 'title-conflict']);
    const figure = byCode.get('contradicted-figure')!;
    assert.equal(figure.source, 'claimlens');
    // Neither the article nor the seeds give a date: a running toll that differs is information.
    assert.equal(figure.severity, 3);
    assert.deepEqual(figure.range, { start: positionOf(FOLLOWUP, '140 people'), end: positionOf(FOLLOWUP, '140 people', 10) });
    // Both CNN stories give over 1,400 deaths; the closer wording is named first.
    assert.match(figure.message as string, / in CNN, "Washington encourages Israel to prevent…", 7 Oct 2024\. A running total changes over time, and this article's date is not known\.$/);
    const related = figure.relatedInformation!.find((r) => r.location.uri.endsWith('001_059e4d35e3c8ffef.txt'))!;
    const seed = readFileSync(join(SEEDS, '001_059e4d35e3c8ffef.txt'), 'utf8');
    assert.deepEqual(related.location.range, { start: positionOf(seed, 'over 1,400 people'), end: positionOf(seed, 'over 1,400 people', 17) });
    assert.equal(figure.relatedInformation!.length, 2);
    const title = byCode.get('title-conflict')!;
    assert.deepEqual(title.range.start, positionOf(FOLLOWUP, 'US Defense Secretary Yoav'));
    const misquote = byCode.get('misquote')!;
    assert.match(misquote.message as string, /seems counterproductive to the stated objectives/);
  });

  it('carries the finding and the document version in diagnostic data', () => {
    const d = diags.diagnostics.find((x) => x.code === 'contradicted-figure')!;
    const data = d.data as { version: number; finding: { replacement: { text: string } } };
    assert.equal(data.version, 1);
    assert.equal(data.finding.replacement.text, 'over 1,400');
  });

  it('shows code lenses above corroborated and contradicted claims', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => `${l.range.start.line}:${l.command!.title}`);
    assert.ok(titles.includes('3:✓ 1 source'), titles.join('\n'));
    // The original (CNN) before its copy, each named by outlet, headline and date as far as known; the article
    // has no date, so a toll that differs is information (ℹ), named as its diagnostic names it ("Figure differs"), and the misquote a warning (✗).
    assert.ok(titles.includes('4:ℹ figure differs: CNN, "Washington encourages Israel to prevent…", 7 Oct 2024; seeds/001_059e4d35e3c8ffef.txt (copy of CNN)'), titles.join('\n'));
    assert.ok(titles.some((t) => t.startsWith('6:✗ misquote: ')), titles.join('\n'));
    const lens = lenses.find((l) => l.range.start.line === 3)!;
    // A client that has no peek command of its own gets the server's.
    assert.equal(lens.command!.command, 'claimlens.showPassages');
    const [{ uri: docUri, passages }] = lens.command!.arguments as [{ uri: string; passages: { label: string; location: { uri: string } }[] }];
    assert.equal(docUri, uri);
    assert.ok(passages[0].location.uri.endsWith('seeds/002_15f8729702094d63.txt'));
    assert.equal(passages[0].label, 'AFP, 25 Sep 2024, line 2');
  });

  it('adds a Sources section to hovers: agreeing and disagreeing passages with links', async () => {
    const agree = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(FOLLOWUP, 'nearly a year', 3) });
    const a = (agree.contents as { value: string }).value;
    assert.match(a, /\*\*Sources\*\* — 1 passage, 1 independent source/);
    assert.match(a, /✓ \[AFP, 25 Sep 2024\]\[1\]: "The Biden administration/);
    assert.match(a, /\n\[1\]: file:\/\/.*002_15f8729702094d63\.txt#L11$/);
    const disagree = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(FOLLOWUP, '140 people', 1) });
    const d = (disagree.contents as { value: string }).value;
    assert.match(d, /\*\*Disagreeing\*\* — 2 passages/);
    assert.match(d, /✗ \[CNN, "Washington encourages Israel to prevent…", 7 Oct 2024\]\[1\]: "The ongoing violence has resulted in over 1,400 fatalities/);
    assert.match(d, /✗ \[seeds\/001_059e4d35e3c8ffef\.txt \(copy of CNN\)\]\[2\]: "….*killed over 1,400 people and displaced/);
    assert.match(d, /\[1\]: file:.*000_b5026f04b527744f\.txt#L3\n\[2\]: file:.*001_059e4d35e3c8ffef\.txt#L2$/);
  });

  it('says how many sources are independent: a declared copy does not count twice', async () => {
    const text = 'Ceasefire plan\nA proposal by the US and France sought a 21-day pause in the fighting.\n';
    const u = uriOf(join(ROOT, 'test', 'fixtures', 'pause.txt'));
    await client.open(u, text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['✓ 2 sources (1 independent)']);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: positionOf(text, '21-day', 1) });
    assert.match((h.contents as { value: string }).value, /2 passages, 1 independent source/);
  });

  it('puts one lens over a sentence of several claims, counting the parts the sources back, and says why in the hover', async () => {
    const text = 'Ceasefire plan\nThe US and France proposed a ceasefire that included a 21-day pause in fighting, while a zoo in Ohio welcomed two panda cubs.\n';
    const u = uriOf(join(ROOT, 'test', 'fixtures', 'parts.txt'));
    await client.open(u, text);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: u } });
    assert.deepEqual(lenses.map((l) => l.command!.title), ['✓ 1 of 2 parts: 2 sources (1 independent)']);
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: u }, position: positionOf(text, 'proposed', 2) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*Claim\*\* — corroborated/);
    assert.match(value, /shared figure: 21-day pause/);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: u }, position: positionOf(text, 'zoo', 1) }), null);
  });

  it('gives an unrelated article no diagnostics and no lenses', async () => {
    const u = uriOf(join(ROOT, 'test', 'fixtures', 'articles', 'acme-layoffs.txt'));
    const d = await client.open(u, readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'acme-layoffs.txt'), 'utf8'));
    assert.deepEqual(d.diagnostics, []);
    assert.deepEqual(await client.request('textDocument/codeLens', { textDocument: { uri: u } }), []);
  });

  it('follows edits: fixing the figure clears its diagnostic', async () => {
    const at = positionOf(FOLLOWUP, '140 people');
    const d = await client.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: 'over 1,400' }]);
    assert.ok(!d.diagnostics.some((x) => x.code === 'contradicted-figure'));
    assert.equal(d.version, 2);
  });

  it('uses the severity setting', async () => {
    const c = await LspClient.start({ settings: { severity: 'error' } });
    try {
      const d = await c.open(uri, FOLLOWUP);
      // claimlens.severity replaces the warnings; information stays information.
      const by = new Map(d.diagnostics.map((x) => [x.code, x.severity]));
      assert.deepEqual(Object.fromEntries(by), { 'contradicted-figure': 3, 'title-conflict': 3, misquote: 1 });
    } finally {
      await c.stop();
    }
  });

  it('uses the severity per finding kind and tier', async () => {
    const c = await LspClient.start({ settings: { findingSeverity: { 'title-conflict/time': 'hint', misquote: 'error' } } });
    try {
      const d = await c.open(uri, FOLLOWUP);
      const by = new Map(d.diagnostics.map((x) => [x.code, x.severity]));
      assert.deepEqual(Object.fromEntries(by), { 'contradicted-figure': 3, 'title-conflict': 4, misquote: 1 });
    } finally {
      await c.stop();
    }
  });
});

describe('protocol: source folders', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'claimlens-src-'));
  const sources = join(tmp, 'archive');
  mkdirSync(sources);
  const article = 'Harbor report\nThe harbor authority said the storm sank 14 fishing boats in Port Azure on Monday.\n';
  const uri = uriOf(join(tmp, 'article.txt'));

  for (const mode of ['server-side fs.watch', 'client-side watching'] as const) {
    it(`reloads sources when a file appears and disappears (${mode})`, async () => {
      const clientWatches = mode === 'client-side watching';
      const client = await LspClient.start({
        root: tmp,
        settings: { sources: ['archive'], useBundledSeeds: false },
        capabilities: clientWatches ? { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } } } : {},
      });
      try {
        const first = await client.open(uri, article);
        assert.deepEqual(first.diagnostics, []);
        const file = join(sources, `harbor-${clientWatches ? 'a' : 'b'}.txt`);
        const next = client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
        writeFileSync(file, 'Storm in Port Azure\nThe harbor authority said the storm sank 41 fishing boats in Port Azure on Monday.\n');
        if (clientWatches) await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 1 }] });
        const d = await next;
        assert.equal(d.diagnostics[0].code, 'contradicted-figure');
        const cleared = client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
        rmSync(file);
        if (clientWatches) await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(file), type: 3 }] });
        await cleared;
        const status = await client.waitForNotification('claimlens/status', (p) => (p as { sources: number }).sources === 0);
        assert.ok(status);
      } finally {
        await client.stop();
      }
    });
  }

  it('reads no source folder outside the workspace when the workspace is not trusted', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'claimlens-outside-'));
    writeFileSync(join(outside, 'harbor.txt'), 'Storm in Port Azure\nThe harbor authority said the storm sank 41 fishing boats in Port Azure on Monday.\n');
    const settings = { sources: [outside], useBundledSeeds: false };
    const untrusted = await LspClient.start({ root: tmp, settings, initializationOptions: { trusted: false } });
    const trusted = await LspClient.start({ root: tmp, settings, initializationOptions: { trusted: true } });
    try {
      assert.deepEqual((await untrusted.open(uri, article)).diagnostics, []);
      assert.equal((await trusted.open(uri, article)).diagnostics[0]?.code, 'contradicted-figure');
    } finally {
      await untrusted.stop();
      await trusted.stop();
    }
  });

  it('warns about a missing source folder and keeps working', async () => {
    const client = await LspClient.start({ root: tmp, settings: { sources: ['no-such-folder'] } });
    try {
      const warning = client.waitForNotification('window/showMessage', (p) => /no-such-folder does not exist/.test((p as { message: string }).message));
      const d = await client.open(uri, article);
      assert.deepEqual(d.diagnostics, []);
      await warning;
    } finally {
      await client.stop();
    }
  });
});
