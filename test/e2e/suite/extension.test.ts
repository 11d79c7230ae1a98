// The extension in a real VS Code, through the vscode API: diagnostics,
// hovers, code lenses, the cite quick fix, workspace symbols and the Search
// Claims command. Every wait is for an event, never a fixed time.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(folder(), name);

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(file(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** Resolves with a document's diagnostics once they satisfy `ok` (checked now and on every change). */
function diagnosticsFor(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const d = vscode.languages.getDiagnostics(uri);
      if (!ok(d)) return false;
      sub.dispose();
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

/** The next diagnostics change for a document, whatever it is. */
function nextDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      sub.dispose();
      resolve(vscode.languages.getDiagnostics(uri));
    });
  });
}

const positionOf = (doc: vscode.TextDocument, needle: string, delta = 0) => doc.positionAt(doc.getText().indexOf(needle) + delta);
const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

describe('Claim Lens in VS Code', () => {
  it('activates and starts its language server', async () => {
    const ext = vscode.extensions.getExtension('claimlens.claimlens');
    assert.ok(ext, 'the extension is installed');
    await open('lebanon-followup.txt');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('shows a contradicted figure, a misquote and a title conflict, naming the source', async () => {
    const doc = await open('lebanon-followup.txt');
    const diags = await diagnosticsFor(doc.uri, (d) => d.length >= 3);
    const byCode = new Map(diags.map((d) => [String(d.code), d]));
    assert.deepEqual([...byCode.keys()].sort(), ['contradicted-figure', 'misquote', 'title-conflict']);
    const figure = byCode.get('contradicted-figure')!;
    assert.equal(figure.source, 'claimlens');
    // The article has no date: a running toll that differs is information; the misquote is a warning.
    assert.equal(figure.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(byCode.get('misquote')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(figure.range), '140 people');
    assert.match(figure.message, /in CNN, "Washington encourages Israel to prevent…", 7 Oct 2024\. A running total changes over time, and this article's date is not known\.$/);
    assert.ok(figure.relatedInformation?.some((r) => r.location.uri.path.endsWith('seeds/001_059e4d35e3c8ffef.txt')));
    assert.equal(doc.getText(byCode.get('misquote')!.range), 'seems productive to the stated objectives');
    assert.equal(doc.getText(byCode.get('title-conflict')!.range), 'US Defense Secretary Yoav Gallant');
  });

  it('shows no diagnostics on an unrelated article', async () => {
    const uri = file('acme-layoffs.txt');
    const published = nextDiagnostics(uri);
    await open('acme-layoffs.txt');
    assert.deepEqual(await published, []);
  });

  it('hovers a figure and an official', async () => {
    const doc = await open('lebanon-followup.txt');
    const figure = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, '140 people', 1));
    const f = hoverText(figure);
    assert.match(f, /135–145/);
    assert.match(f, /Disagreeing/);
    const official = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'Sabrina Singh', 2));
    const o = hoverText(official);
    assert.match(o, /\*\*Sabrina Singh\*\*/);
    assert.match(o, /Pentagon spokesperson/);
  });

  it('shows code lenses on corroborated claims', async () => {
    const doc = await open('gaza-paraphrase.md');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.filter((t) => t.startsWith('✓')).length >= 5, titles.join('\n'));
    assert.equal(lenses[0].command?.command, 'claimlens.peekPassages');
  });

  it('cites a passage as a footnote with the quick fix', async () => {
    const doc = await open('gaza-paraphrase.md');
    const at = positionOf(doc, 'More than 1.2 million');
    // VS Code cancels a code-action request when the editor's state moves on (a freshly shown editor
    // settles); a cancelled request is asked again, as the light bulb would.
    let actions: vscode.CodeAction[] = [];
    for (let attempt = 0; attempt < 3 && !actions.length; attempt++) {
      actions = await vscode.commands
        .executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at))
        .then(
          (a) => a ?? [],
          (e: Error) => {
            if (!/Cancel/i.test(String(e?.message ?? e))) throw e;
            return [];
          },
        );
    }
    const cite = actions.find((a) => a.title.startsWith('Cite AFP, 7 May 2024 (line '));
    if (!cite) {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      assert.fail(`no Cite action at ${at.line}:${at.character} (version ${doc.version}); actions: ${actions.map((a) => a.title).join(' | ')}; lenses: ${lenses.map((l) => `${l.range.start.line}:${l.command?.title}`).join(' | ')}`);
    }
    assert.equal(await vscode.workspace.applyEdit(cite.edit!), true);
    const text = doc.getText();
    assert.match(text, /are sheltering in Rafah\.\[\^1\]/);
    assert.match(text, /\n\[\^1\]: AFP, 7 May 2024\n/);
  });

  it('finds claims, figures and officials across the workspace, including unopened files', async () => {
    const gallant = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Gallant');
    assert.ok(gallant.some((s) => s.name === 'Yoav Gallant' && s.location.uri.path.endsWith('lebanon-followup.txt')));
    const holloway = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Holloway');
    assert.ok(holloway.some((s) => s.name === 'Diane Holloway' && s.location.uri.path.endsWith('council-roads.md')), 'council-roads.md was never opened');
  });

  it('opens a contradicted claim from the Search Claims command', async () => {
    const api = vscode.extensions.getExtension<{ onDidShowSearch: vscode.Event<number> }>('claimlens.claimlens')!.exports;
    const shown = new Promise<number>((resolve) => {
      const sub = api.onDidShowSearch((n) => {
        sub.dispose();
        resolve(n);
      });
    });
    const chosen = vscode.commands.executeCommand<{ state: string; file: string; text: string } | undefined>('claimlens.searchClaims', { contradictedOnly: true });
    assert.ok((await shown) >= 1);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const claim = await chosen;
    assert.equal(claim?.state, 'contradicted');
    assert.equal(claim?.file, 'lebanon-followup.txt');
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('lebanon-followup.txt'));
    assert.ok(claim.text.startsWith(editor.document.getText(editor.selection).slice(0, 20)));
  });
});
