// The VS Code side: starts the language server on plain-text and Markdown
// articles and registers the commands. All analysis happens in the server.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { Location as LspLocation, Position as LspPosition } from 'vscode-languageclient';
import { searchClaims, searchShown, type SearchArgs } from './searchClaims.js';
import { statusBar } from './statusBar.js';

let client: LanguageClient | undefined;

/** What other extensions (and the end-to-end tests) can use. */
export interface ClaimLensApi {
  /** Fires with the number of claims listed when Search Claims opens. */
  onDidShowSearch: vscode.Event<number>;
}

export async function activate(context: vscode.ExtensionContext): Promise<ClaimLensApi> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const output = vscode.window.createOutputChannel('Claim Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) => ['plaintext', 'markdown'].map((language) => ({ scheme, language }))),
    outputChannel: output,
    // The index cache of large corpora lives in the extension's own storage; code lenses
    // use the peek command below instead of the server's claimlens.showPassages.
    initializationOptions: {
      trusted: vscode.workspace.isTrusted,
      cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'index').fsPath,
      clientCommands: ['claimlens.peekPassages'],
    },
  };
  client = new LanguageClient('claimlens', 'Claim Lens', serverOptions, clientOptions);
  const c = client;
  context.subscriptions.push(
    output,
    // Code lenses carry plain JSON; VS Code's peek wants its own types.
    vscode.commands.registerCommand('claimlens.peekPassages', (uri: string, position: LspPosition, locations: LspLocation[]) =>
      vscode.commands.executeCommand(
        'editor.action.peekLocations',
        vscode.Uri.parse(uri),
        c.protocol2CodeConverter.asPosition(position),
        locations.map((l) => c.protocol2CodeConverter.asLocation(l)),
        'peek',
      ),
    ),
  );
  context.subscriptions.push(
    vscode.commands.registerCommand('claimlens.searchClaims', (args?: SearchArgs) => searchClaims(c, args)),
    statusBar(c),
    searchShown,
  );
  await client.start();
  return { onDidShowSearch: searchShown.event };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
