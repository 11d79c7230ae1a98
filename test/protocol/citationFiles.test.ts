// A bibliography or references file that cannot be used in full is said on
// the Cite actions it affects (file and what is wrong, one line each); the
// citation is still offered, and a broken references file is never written.

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CodeAction, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, uriOf } from './lsp';

const CNN_000 = 'CNN, "Washington encourages Israel to prevent…", 7 Oct 2024';

describe('protocol: malformed bibliography and references files', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'claimlens-bib-'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: workspace });
  });
  after(async () => client.stop());

  const text = 'Lebanon\nThe US and France proposed a 21-day pause in the fighting.\n';
  const citeWith = async (name: string, citation: object): Promise<CodeAction> => {
    client.settings = { citation };
    await client.notify('workspace/didChangeConfiguration', { settings: {} });
    const uri = uriOf(join(workspace, name));
    const d = await client.open(uri, text);
    const range = { start: positionOf(text, 'The US'), end: positionOf(text, 'The US', 6) };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: d.diagnostics } });
    const cite = actions.find((a) => a.title.startsWith(`Cite ${CNN_000}`));
    assert.ok(cite, actions.map((a) => a.title).join('\n'));
    return cite;
  };

  it('names a BibTeX entry left open, and still cites', async () => {
    writeFileSync(join(workspace, 'library.bib'), '@article{storm,\n  title = {Storm {sinks boats},\n}\n@misc{other, title = "Other"}\n');
    const cite = await citeWith('bib.txt', { style: 'pandoc', bibliography: 'library.bib' });
    assert.match(cite.title, new RegExp(`, adding \\w+ to references\\.json — The bibliography ${join(workspace, 'library.bib').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: entry "storm" is malformed at line 4 \\(.*\\); what follows in it is not read$`));
    const edits = (cite.edit!.documentChanges as TextDocumentEdit[]).at(-1)!.edits as TextEdit[];
    assert.match(edits[0].newText, /\[@\w+\]/);
  });

  it('names a references file that is not JSON, and writes nothing to it', async () => {
    writeFileSync(join(workspace, 'refs.json'), '{ "id": "a", oops }');
    const cite = await citeWith('refs.txt', { style: 'pandoc', references: 'refs.json' });
    assert.match(cite.title, /— The references file \S+refs\.json is not valid JSON \(.*position \d+.*\); no entry is written to it$/);
    // The edit touches the document alone: no create, no edit of refs.json.
    const changes = cite.edit!.documentChanges as TextDocumentEdit[];
    assert.equal(changes.length, 1);
    assert.ok(!changes[0].textDocument.uri.endsWith('refs.json'));
  });

  it('says nothing when both files are fine', async () => {
    writeFileSync(join(workspace, 'ok.bib'), '@misc{other, title = "Other"}\n');
    writeFileSync(join(workspace, 'ok.json'), '[]\n');
    const cite = await citeWith('ok.txt', { style: 'pandoc', bibliography: 'ok.bib', references: 'ok.json' });
    assert.doesNotMatch(cite.title, /—/);
  });
});

describe('protocol: bibliography problems as window messages', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'claimlens-bibmsg-'));
  const bib = join(workspace, 'library.bib');
  const uri = uriOf(join(workspace, 'draft.txt'));
  const text = 'Lebanon\nThe US and France proposed a 21-day pause in the fighting.\n';
  const BROKEN = '@article{storm,\n  title = {Storm {sinks boats},\n}\n@misc{other, title = "Other"}\n';
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: workspace, settings: { citation: { style: 'pandoc', bibliography: 'library.bib', references: '' } } });
  });
  after(async () => client.stop());

  /** The window messages about library.bib so far. */
  const said = () =>
    client.notifications
      .filter((n) => n.method === 'window/showMessage' && (n.params as { message: string }).message.includes('library.bib'))
      .map((n) => n.params as { type: number; message: string });
  // The server says what it has to say while it answers, so it has arrived when the answer has.
  const askForActions = async () => {
    const range = { start: positionOf(text, 'The US'), end: positionOf(text, 'The US', 6) };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
    assert.ok(actions.some((a) => a.title.startsWith(`Cite ${CNN_000}`)), actions.map((a) => a.title).join('\n'));
  };

  it('says a malformed file once, however often the Cite actions are asked for', async () => {
    writeFileSync(bib, BROKEN);
    await client.open(uri, text);
    const first = client.waitForNotification('window/showMessage', (p) => /library\.bib: entry "storm" is malformed at line 4/.test((p as { message: string }).message));
    await askForActions();
    await first;
    await askForActions();
    await askForActions();
    assert.equal(said().length, 1, JSON.stringify(said()));
    assert.equal(said()[0].type, 2);
    assert.match(said()[0].message, /^Claim Lens: The bibliography \S+library\.bib: entry "storm" is malformed at line 4 \(.*\); what follows in it is not read$/);
  });

  it('says it again when the file changes and is still broken, or newly broken after a fix', async () => {
    writeFileSync(bib, BROKEN + '@misc{third, title = "Third"}\n');
    await askForActions();
    assert.equal(said().length, 2, JSON.stringify(said()));
    writeFileSync(bib, '@misc{other, title = "Other"}\n');
    await askForActions();
    await askForActions();
    assert.equal(said().length, 2, JSON.stringify(said()));
    writeFileSync(bib, BROKEN);
    await askForActions();
    assert.equal(said().length, 3, JSON.stringify(said()));
    assert.match(said()[2].message, /entry "storm" is malformed at line 4/);
  });
});
