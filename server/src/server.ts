// The language server: capabilities and one handler table. Each handler
// finds the document's cached check result and hands it to a feature in
// features/; no analysis happens here.

import {
  DidChangeConfigurationNotification,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnostics } from './features/diagnostics.js';
import { hover } from './features/hover.js';
import { LEGEND, semanticTokens } from './features/semanticTokens.js';
import { documentSymbols } from './features/symbols.js';
import { fileUriToPath, Session, type Entry } from './session.js';
import { normalizeSettings, type Settings } from './settings.js';

export interface ServerOptions {
  /** The bundled seeds folder. */
  seeds: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const session = new Session(options.seeds, (corpus) => {
    for (const p of corpus.problems) connection.console.info(p.message);
    connection.console.info(`Claim Lens: ${corpus.size} sources loaded`);
  });
  const settingsByUri = new Map<string, Promise<Settings>>();
  let pullConfiguration = false;
  let pushedSettings: unknown;
  let workspaceFolders: string[] = [];

  const settingsFor = (uri: string): Promise<Settings> => {
    let s = settingsByUri.get(uri);
    if (!s) {
      s = (pullConfiguration ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'claimlens' }) : Promise.resolve(pushedSettings))
        .catch(() => undefined)
        .then((raw) => {
          const { settings, problems } = normalizeSettings(raw);
          for (const p of problems) connection.window.showWarningMessage(`Claim Lens: ${p}`);
          return settings;
        });
      settingsByUri.set(uri, s);
    }
    return s;
  };

  const workspaceFolderOf = (uri: string) => {
    const path = fileUriToPath(uri);
    return workspaceFolders.find((f) => path?.startsWith(f + '/')) ?? workspaceFolders[0];
  };

  /** The cached check result of an open document, or undefined if it is not open. */
  const entryFor = async (uri: string): Promise<Entry | undefined> => {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const settings = await settingsFor(uri);
    const corpus = session.corpus({ folders: session.folders(settings, workspaceFolderOf(uri)), maxFileSize: settings.maxFileSize });
    return session.check({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId }, corpus, settings.maxFileSize);
  };

  /** Runs a feature on a document; an exception is logged and answered as an error, never a crash. */
  const feature =
    <P extends { textDocument: { uri: string } }, R>(name: string, run: (entry: Entry, params: P) => R, empty: R) =>
    async (params: P): Promise<R | ResponseError<void>> => {
      try {
        const entry = await entryFor(params.textDocument.uri);
        return entry ? run(entry, params) : empty;
      } catch (e) {
        connection.console.error(`Claim Lens ${name} failed: ${(e as Error).stack ?? e}`);
        return new ResponseError(-32603, `Claim Lens ${name} failed: ${(e as Error).message}`);
      }
    };

  const validate = async (uri: string) => {
    try {
      const entry = await entryFor(uri);
      const doc = documents.get(uri);
      // A newer version arrived while this one was analysed; its own validation will publish.
      if (!entry || !doc || doc.version !== entry.version) return;
      connection.sendDiagnostics({ uri, version: entry.version, diagnostics: diagnostics(entry, await settingsFor(uri)) });
    } catch (e) {
      connection.console.error(`Claim Lens diagnostics failed: ${(e as Error).stack ?? e}`);
    }
  };

  // A burst of edits costs one analysis: validation runs once the queued messages are handled.
  const pending = new Set<string>();
  let scheduled = false;
  const schedule = (uri: string) => {
    pending.add(uri);
    if (scheduled) return;
    scheduled = true;
    setImmediate(async () => {
      scheduled = false;
      const uris = [...pending];
      pending.clear();
      for (const u of uris) await validate(u);
    });
  };
  const revalidateAll = () => documents.all().forEach((d) => schedule(d.uri));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    pushedSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => fileUriToPath(f.uri)).filter((p): p is string => Boolean(p));
    if (!workspaceFolders.length && params.rootUri) workspaceFolders = [fileUriToPath(params.rootUri)].filter((p): p is string => Boolean(p));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'Claim Lens' },
        semanticTokensProvider: { legend: LEGEND, full: true },
      },
      serverInfo: { name: 'claimlens-server', version: typeof VERSION === 'string' ? VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'claimlens' });
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { claimlens?: unknown } | undefined)?.claimlens;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsByUri.clear();
    session.resetCorpora();
    revalidateAll();
  });

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    session.forget(e.document.uri);
    settingsByUri.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(feature('hover', (e, p) => hover(e, e.lines.offsetAt(p.position)), null));
  connection.onDocumentSymbol(feature('documentSymbol', (e) => documentSymbols(e), []));
  connection.languages.semanticTokens.on(feature('semanticTokens', (e) => semanticTokens(e), { data: [] }));

  documents.listen(connection);
  connection.listen();
}

declare const VERSION: string | undefined;
