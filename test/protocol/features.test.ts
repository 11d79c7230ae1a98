// The server over real LSP messages: hover, outline and semantic tokens.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSymbol, Hover, SemanticTokens } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT, uriOf } from './lsp';

const ARTICLE = `Washington shifts focus as Lebanon fighting widens

Israel's airstrikes have killed more than 1,400 people in less than three weeks.
State Department spokesperson Matthew Miller said the US was "acutely aware of previous instances".
Kirby said talks would continue.
`;


describe('protocol: analysis features', () => {
  let client: LspClient;
  const uri = uriOf(join(ROOT, 'test', 'fixtures', 'protocol-article.txt'));

  before(async () => {
    client = await LspClient.start();
    await client.open(uri, ARTICLE);
  });
  after(async () => client.stop());

  it('advertises hover, document symbols and semantic tokens', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.documentSymbolProvider);
    assert.deepEqual(caps.semanticTokensProvider?.legend.tokenTypes, ['figure', 'official', 'quote', 'title']);
  });

  it('hovers a figure with its interval and counted class', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ARTICLE, '1,400', 2) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /more than 1,400 people/);
    assert.match(value, /1,400–1,500/);
    assert.match(value, /deaths/);
    assert.match(value, /killed/);
    // The header names the class the Counts line does, not the noun as written.
    assert.equal(value.split('\n')[0], '**more than 1,400 people** → **1,400–1,500**, deaths (killed)');
    assert.deepEqual(h.range, { start: positionOf(ARTICLE, 'more than 1,400'), end: positionOf(ARTICLE, ' in less than') });
  });

  it('hovers an official with the canonical name and titles here and in the sources', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ARTICLE, 'Miller said', 1) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*Matthew Miller\*\*/);
    assert.match(value, /In this article:\* State Department spokesperson/);
    // Link targets are numbered definitions at the end; no escapes inside the file name.
    assert.match(value, /\[CNN, "Washington encourages Israel to prevent…", 7 Oct 2024\]\[\d\]/);
    assert.match(value, /\n\[\d\]: file:\/\/.*seeds\/000_b5026f04b527744f\.txt(#L\d+)?\n/);
    assert.ok(!/\\_/.test(value), value);
  });

  it('resolves a bare surname through the corpus in the hover', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ARTICLE, 'Kirby said', 2) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /\*\*John Kirby\*\* \(written "Kirby"\)/);
    assert.match(value, /National Security Council spokesman/);
    assert.match(value, /White House spokesperson/);
  });

  it('answers null off any annotation', async () => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(h, null);
  });

  it('lists officials, figures and claims in the outline', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Officials', 'Figures', 'Claims']);
    assert.deepEqual(symbols[0].children!.map((s) => s.name), ['Matthew Miller', 'John Kirby']);
    assert.deepEqual(symbols[1].children!.map((s) => s.name), ['more than 1,400 people', 'less than three weeks']);
    // The same description, with its unit, as the CLI report and the hover.
    assert.deepEqual(symbols[1].children!.map((s) => s.detail), ['1,400–1,500, deaths (killed)', 'up to 3 weeks, duration']);
    assert.equal(symbols[2].children!.length, 3);
    // The headline is not a claim.
    assert.ok(!symbols[2].children!.some((c) => c.name.startsWith('Washington shifts')));
  });

  it('marks figures, officials, titles and quotes with semantic tokens', async () => {
    const tokens = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const decoded: { line: number; char: number; text: string; type: number }[] = [];
    let line = 0;
    let char = 0;
    const lines = ARTICLE.split('\n');
    for (let i = 0; i < tokens.data.length; i += 5) {
      line += tokens.data[i];
      char = tokens.data[i] ? tokens.data[i + 1] : char + tokens.data[i + 1];
      decoded.push({ line, char, text: lines[line].slice(char, char + tokens.data[i + 2]), type: tokens.data[i + 3] });
    }
    const legend = ['figure', 'official', 'quote', 'title'];
    assert.deepEqual(
      decoded.map((d) => `${legend[d.type]}:${d.text}`),
      [
        'figure:more than 1,400 people',
        'figure:less than three weeks',
        'title:State Department spokesperson',
        'official:Matthew Miller',
        'quote:acutely aware of previous instances',
        'official:Kirby',
      ],
    );
  });

  it('gives every outline symbol a selection inside its range, titles written after the name included', async () => {
    const text = 'Talks\nSingh, the Pentagon spokesperson, described the push as a "full-court press."\nLloyd Austin, the US defense secretary, will travel.\n';
    const u = uriOf(join(ROOT, 'test', 'fixtures', 'appositive.txt'));
    await client.open(u, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: u } });
    const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    const check = (s: DocumentSymbol) => {
      assert.ok(before(s.range.start, s.range.end), `${s.name}: range runs backwards`);
      assert.ok(before(s.range.start, s.selectionRange.start) && before(s.selectionRange.end, s.range.end), `${s.name}: selection outside range`);
      s.children?.forEach(check);
    };
    symbols.forEach(check);
    const singh = symbols[0].children!.find((s) => s.name === 'Sabrina Singh')!;
    assert.deepEqual(singh.range, { start: positionOf(text, 'Singh,'), end: positionOf(text, ', described') });
  });

  it('reads markdown documents with markdown rules', async () => {
    const mdUri = uriOf(join(ROOT, 'test', 'fixtures', 'protocol-article.md'));
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'gaza-paraphrase.md'), 'utf8');
    await client.open(mdUri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: mdUri } });
    const claims = symbols.find((s) => s.name === 'Claims')!.children!;
    assert.ok(!claims.some((c) => c.name.includes('US urges Israel')), 'the # headline is not a claim');
  });
});
