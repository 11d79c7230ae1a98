// Sources with metadata over real LSP messages: a saved web page and a text
// source with front matter, named by outlet, headline and date in
// diagnostics, lenses and hovers, with passages that open in the page's own
// HTML file at the words they quote.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeLens, Hover } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT, uriOf } from './lsp';

const PAGE = readFileSync(join(ROOT, 'test', 'fixtures', 'pages', 'harbor-storm.html'), 'utf8');

const NOTE = '---\noutlet: Harbor Weekly\ndate: 2025-03-06\n---\nHarbor reopens\nPort Azure reopened its harbor to fishing crews on Thursday, three days after the storm, the harbor authority said.\n';

describe('protocol: sources with metadata', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-meta-lsp-'));
  mkdirSync(join(dir, 'archive'));
  writeFileSync(join(dir, 'archive', 'storm.html'), PAGE);
  writeFileSync(join(dir, 'archive', 'reopens.txt'), NOTE);
  const article = 'Harbor report\nThe harbor authority said the storm sank 41 fishing boats in Port Azure on Monday.\nPort Azure reopened its harbor to fishing crews on Thursday, three days after the storm, the harbor authority said.\n';
  const uri = uriOf(join(dir, 'article.txt'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: dir, settings: { sources: ['archive'], useBundledSeeds: false } });
  });
  after(async () => client.stop());

  it('names a web page by outlet, headline and date, and points into its HTML at the quoted words', async () => {
    const d = await client.open(uri, article);
    const figure = d.diagnostics.find((x) => x.code === 'contradicted-figure')!;
    assert.ok(figure, JSON.stringify(d.diagnostics));
    assert.match(figure.message as string, / in Port Azure Gazette, "Storm sinks 14 fishing boats in Port Azure", 4 Mar 2025\.$/);
    const [related] = figure.relatedInformation!;
    assert.equal(related.location.uri, uriOf(join(dir, 'archive', 'storm.html')));
    const quoted = /^Port Azure Gazette, "Storm sinks 14 fishing boats in Port Azure", 4 Mar 2025: "(14 fishing[^"]*)"$/.exec(related.message)?.[1];
    assert.ok(quoted, related.message);
    // The figure sits inside <b>…</b> in the page: the range covers exactly its words.
    assert.deepEqual(related.location.range, { start: positionOf(PAGE, '14 fishing boats</b>'), end: positionOf(PAGE, '14 fishing boats</b>', quoted.length) });
  });

  it('names sources in lenses and hovers; front matter gives a text source its outlet and date', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => `${l.range.start.line}:${l.command!.title}`);
    assert.ok(titles.includes('1:✗ contradicted figure: Port Azure Gazette, "Storm sinks 14 fishing boats in Port Azure", 4 Mar 2025'), titles.join('\n'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(article, '41 fishing', 1) });
    const value = (hover.contents as { value: string }).value;
    const line = positionOf(PAGE, '14 fishing boats</b>').line + 1;
    assert.ok(value.includes('✗ [Port Azure Gazette, "Storm sinks 14 fishing boats in Port Azure", 4 Mar 2025][1]: '), value);
    assert.ok(value.endsWith(`\n[1]: ${uriOf(join(dir, 'archive', 'storm.html'))}#L${line}`), value);
    const claims = await client.request<{ file: string; text: string; sourceNames: string[] }[]>('claimlens/claims', {});
    const reopened = claims.find((c) => c.file === 'article.txt' && c.text.startsWith('Port Azure reopened'));
    assert.ok(reopened?.sourceNames.includes('Harbor Weekly, "Harbor reopens", 6 Mar 2025'), JSON.stringify(reopened));
  });
});
