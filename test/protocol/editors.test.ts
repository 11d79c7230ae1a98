// What LSP clients other than VS Code send and can show: settings in
// initializationOptions, diagnostics sent back without `data` or from an older
// version, lens commands without window/showDocument, UTF-8-preferring clients,
// and corroboration for clients without code lenses.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CodeLens, Diagnostic, Hover, Location, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, positionOf, ROOT, uriOf } from './lsp';

const FOLLOWUP = readFileSync(join(ROOT, 'test', 'fixtures', 'articles', 'lebanon-followup.txt'), 'utf8');
/** Neovim 0.7 and Vim: no workspace/configuration, no showDocument. */
const PLAIN_CLIENT = { workspace: { symbol: {} }, window: {} };

const rangeOf = (text: string, needle: string) => ({ start: positionOf(text, needle), end: positionOf(text, needle, needle.length) });

function apply(text: string, action: CodeAction, version: number): string {
  const [change] = action.edit!.documentChanges as TextDocumentEdit[];
  assert.equal(change.textDocument.version, version, 'the edit names the version it was computed for');
  return TextDocument.applyEdits(TextDocument.create('x', 'plaintext', version, text), change.edits as TextEdit[]);
}

describe('protocol: clients other than VS Code', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'claimlens-editors-'));
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ root: workspace, capabilities: PLAIN_CLIENT });
  });
  after(async () => client.stop());

  const actionsFor = (uri: string, text: string, needle: string, diagnostics: Diagnostic[]) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: rangeOf(text, needle), context: { diagnostics } });

  it('advertises UTF-16 positions and every command a lens or action names', () => {
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.positionEncoding, 'utf-16');
    assert.deepEqual(caps.executeCommandProvider?.commands.sort(), ['claimlens.ignoreInWorkspace', 'claimlens.showPassages']);
  });

  it('fixes a diagnostic sent back without data, or with no diagnostic at all (as ALE does)', async () => {
    const uri = uriOf(join(workspace, 'no-data.txt'));
    const d = await client.open(uri, FOLLOWUP);
    const { data: _dropped, ...bare } = d.diagnostics.find((x) => x.code === 'misquote')!;
    const fixed = FOLLOWUP.replace('"seems productive to', '"seems counterproductive to');
    for (const sent of [[bare], []]) {
      const actions = await actionsFor(uri, FOLLOWUP, 'seems productive', sent);
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix, actions.map((a) => a.title).join('\n'));
      assert.equal(fix.title, 'Use the source\'s wording: "seems counterproductive to the stated objectives"');
      assert.equal(apply(FOLLOWUP, fix, 1), fixed);
      assert.deepEqual(fix.diagnostics, sent.length ? sent : undefined);
      assert.ok(actions.some((a) => a.title === 'Ignore this misquote in this document'));
    }
  });

  it('answers the previous version\'s diagnostic from the current version (as Eglot does right after an edit)', async () => {
    const uri = uriOf(join(workspace, 'stale.txt'));
    const d = await client.open(uri, FOLLOWUP);
    const stale = d.diagnostics.find((x) => x.code === 'contradicted-figure')!;
    // Text inserted before the figure on its own line: the old diagnostic's range is now off by 8.
    const line = positionOf(FOLLOWUP, '140 people').line;
    const lines = FOLLOWUP.split('\n');
    lines[line] = `Update: ${lines[line]}`;
    const edited = lines.join('\n');
    // No waiting for version 2's diagnostics: the request comes right after the edit.
    await client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'Update: ' }],
    });
    const actions = await actionsFor(uri, edited, '140 people', [stale]);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    assert.equal(apply(edited, fix, 2), edited.replace('killed 140 people', 'killed over 1,400 people'));
  });

  it('runs a lens command without showDocument: the passages in a message, their locations as the answer', async () => {
    const uri = uriOf(join(workspace, 'lens.txt'));
    await client.open(uri, FOLLOWUP);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const lens = lenses.find((l) => l.range.start.line === positionOf(FOLLOWUP, 'nearly a year').line)!;
    assert.ok(client.initializeResult.capabilities.executeCommandProvider!.commands.includes(lens.command!.command));
    const shown = client.waitForNotification('window/showMessage', (p) => /AFP, 25 Sep 2024, line 11: "/.test((p as { message: string }).message));
    const answer = await client.request<Location[]>('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    assert.match(((await shown).params as { message: string }).message, /: "The Biden administration has been trying to avoid a full-scale war for nearly a year since October 7\."$/);
    assert.ok(answer[0].uri.endsWith('seeds/002_15f8729702094d63.txt'));
    assert.equal(answer[0].range.start.line, 10);
    assert.ok(!client.requests.some((r) => r.method === 'window/showDocument'));
  });

  it('says what a malformed lens command lacks', async () => {
    await assert.rejects(client.request('workspace/executeCommand', { command: 'claimlens.showPassages', arguments: [{ passages: 3 }] }), /showPassages needs/);
  });

  it('shows a claim\'s corroboration on hover, for clients without code lenses', async () => {
    const uri = uriOf(join(workspace, 'hover.txt'));
    await client.open(uri, FOLLOWUP);
    // A word of a corroborated claim that is no figure, official or quote.
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(FOLLOWUP, 'had no part', 5) });
    const value = (h.contents as { value: string }).value;
    assert.match(value, /^\*\*Claim\*\*/);
    assert.match(value, /\*\*Sources\*\* — 1 passage, 1 independent source/);
    assert.match(value, /\[AFP, 25 Sep 2024\]\[1\]: "When it comes to Lebanon/);
    assert.match(value, /\n\[1\]: file:.*002_15f8729702094d63\.txt#L2$/);
  });
});

describe('protocol: settings from every kind of client', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'claimlens-settings-'));
  const severityOf = async (client: LspClient, name: string) => {
    const d = await client.open(uriOf(join(workspace, name)), FOLLOWUP);
    // claimlens.severity sets the findings that are warnings by default: the misquote (the others are information, undated).
    return d.diagnostics.filter((x) => x.code === 'misquote').map((x) => x.severity);
  };

  for (const [shape, initializationOptions] of [
    ['{claimlens: …} (Neovim init_options, Helix config)', { claimlens: { severity: 'error' } }],
    ['{settings: {claimlens: …}}', { settings: { claimlens: { severity: 'error' } } }],
    ['the bare settings', { severity: 'error' }],
  ] as const) {
    it(`reads initializationOptions shaped as ${shape} when the client never answers workspace/configuration`, async () => {
      const client = await LspClient.start({ root: workspace, capabilities: PLAIN_CLIENT, initializationOptions });
      try {
        assert.deepEqual([...new Set(await severityOf(client, 'init.txt'))], [1]);
      } finally {
        await client.stop();
      }
    });
  }

  it('takes settings pushed by didChangeConfiguration, and keeps the initial ones when the client answers configuration with null', async () => {
    const client = await LspClient.start({ root: workspace, initializationOptions: { claimlens: { severity: 'hint' } } });
    try {
      // The test client answers workspace/configuration with this object; null is Neovim's answer without `settings`.
      client.settings = null as unknown as Record<string, unknown>;
      await client.notify('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual([...new Set(await severityOf(client, 'pushed-1.txt'))], [4]);
      await client.notify('workspace/didChangeConfiguration', { settings: { claimlens: { severity: 'information' } } });
      const uri = uriOf(join(workspace, 'pushed-1.txt'));
      const again = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      assert.deepEqual([...new Set(again.diagnostics.filter((x) => x.code === 'misquote').map((x) => x.severity))], [3]);
    } finally {
      await client.stop();
    }
  });

  it('gives VS Code, which has its own peek command, lenses that use it', async () => {
    const client = await LspClient.start({ root: workspace, initializationOptions: { clientCommands: ['claimlens.peekPassages'] } });
    try {
      const uri = uriOf(join(workspace, 'peek.txt'));
      await client.open(uri, FOLLOWUP);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const [docUri, , locations] = lenses[0].command!.arguments as [string, unknown, Location[]];
      assert.equal(lenses[0].command!.command, 'claimlens.peekPassages');
      assert.equal(docUri, uri);
      assert.ok(locations[0].uri.startsWith('file://'));
    } finally {
      await client.stop();
    }
  });

  it('gives clients that show code lenses no hover on a claim\'s plain words', async () => {
    const client = await LspClient.start({ root: workspace, capabilities: { textDocument: { hover: { contentFormat: ['markdown'] }, codeLens: {} } } });
    try {
      const uri = uriOf(join(workspace, 'lens-client.txt'));
      await client.open(uri, FOLLOWUP);
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: positionOf(FOLLOWUP, 'had no part', 5) }), null);
    } finally {
      await client.stop();
    }
  });

  it('opens the passage where the client supports showDocument', async () => {
    const client = await LspClient.start({ root: workspace, capabilities: { window: { showDocument: { support: true } } } });
    try {
      const uri = uriOf(join(workspace, 'show.txt'));
      await client.open(uri, FOLLOWUP);
      const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      const lens = lenses.find((l) => l.range.start.line === positionOf(FOLLOWUP, 'nearly a year').line)!;
      await client.request('workspace/executeCommand', lens.command);
      const shown = client.requests.find((r) => r.method === 'window/showDocument')!.params as { uri: string; selection: { start: { line: number } } };
      assert.ok(shown.uri.endsWith('seeds/002_15f8729702094d63.txt'));
      assert.equal(shown.selection.start.line, 10);
      assert.ok(!client.notifications.some((n) => n.method === 'window/showMessage' && /seeds\/002/.test((n.params as { message: string }).message)));
    } finally {
      await client.stop();
    }
  });

  it('answers in UTF-16 a client that offers UTF-8 only', async () => {
    const client = await LspClient.start({ root: workspace, capabilities: { general: { positionEncodings: ['utf-8'] } } });
    try {
      assert.equal(client.initializeResult.capabilities.positionEncoding, 'utf-16');
      // Astral and accented characters before the figure: UTF-8 and UTF-16 columns differ.
      const text = FOLLOWUP.replace('killed 140 people', '🇱🇧 é killed 140 people');
      const d = await client.open(uriOf(join(workspace, 'utf.txt')), text);
      const figure = d.diagnostics.find((x) => x.code === 'contradicted-figure')!;
      assert.deepEqual(figure.range.start, positionOf(text, '140 people'));
    } finally {
      await client.stop();
    }
  });
});
