// The VS Code side: starts the language server on plain-text and Markdown
// articles and registers the commands. All analysis happens in the server.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, args: ['--node-ipc'] },
    debug: { module, transport: TransportKind.ipc, args: ['--node-ipc'], options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const output = vscode.window.createOutputChannel('Claim Lens', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['file', 'untitled'].flatMap((scheme) => ['plaintext', 'markdown'].map((language) => ({ scheme, language }))),
    outputChannel: output,
    initializationOptions: { trusted: vscode.workspace.isTrusted },
  };
  client = new LanguageClient('claimlens', 'Claim Lens', serverOptions, clientOptions);
  context.subscriptions.push(output);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
