// The language server: capabilities and one handler table. Each handler
// finds the document's cached check result and hands it to a feature in
// features/; no analysis happens here.

import {
  DidChangeConfigurationNotification,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Location,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Corpus } from './corpus/corpus.js';
import { codeLenses, PEEK_COMMAND } from './features/codeLens.js';
import { diagnostics } from './features/diagnostics.js';
import { hover } from './features/hover.js';
import { LEGEND, semanticTokens } from './features/semanticTokens.js';
import { documentSymbols } from './features/symbols.js';
import { fileUriToPath, Session, type Entry } from './session.js';
import { normalizeSettings, type Settings } from './settings.js';
import { SourceWatcher } from './watcher.js';

export interface ServerOptions {
  /** The bundled seeds folder. */
  seeds: string;
}

/** Sent to the client whenever the corpus changes: what the status bar shows. */
export const STATUS_NOTIFICATION = 'claimlens/status';
export interface StatusParams {
  sources: number;
  loading: boolean;
}

/** Corpus loads shorter than this show no progress. */
const PROGRESS_AFTER_MS = 300;

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let watcher: SourceWatcher | undefined;
  const session = new Session(options.seeds, {
    loading: (corpus, ready, progress) => {
      sendStatus(corpus, true);
      const timer = setTimeout(async () => {
        const p = await connection.window.createWorkDoneProgress();
        p.begin('Claim Lens: indexing sources', 0, undefined, false);
        progress((done, total) => p.report(Math.round((100 * done) / Math.max(1, total)), `${done} of ${total} files`));
        await ready;
        p.done();
      }, PROGRESS_AFTER_MS);
      void ready.then(() => clearTimeout(timer));
    },
    loaded: (corpus) => {
      for (const p of corpus.problems) {
        if (p.severity === 'warning') void connection.window.showWarningMessage(`Claim Lens: ${p.message}`);
        connection.console.info(p.message);
      }
      for (const f of session.untrustedSkipped) connection.console.warn(`Claim Lens: not reading sources from ${f}: the workspace is not trusted`);
      connection.console.info(`Claim Lens: ${corpus.size} sources loaded from ${corpus.folderList.join(', ')}`);
      sendStatus(corpus, false);
      void watcher?.watch(corpus.folderList);
    },
  });
  const sendStatus = (corpus: Corpus, loading: boolean) =>
    void connection.sendNotification(STATUS_NOTIFICATION, { sources: corpus.size, loading } satisfies StatusParams);

  // Settings, per resource -----------------------------------------------------------------
  const settingsByUri = new Map<string, Promise<Settings>>();
  let pushedSettings: unknown;
  const settingsFor = (uri: string): Promise<Settings> => {
    let s = settingsByUri.get(uri);
    if (!s) {
      const raw = capabilities.workspace?.configuration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'claimlens' })
        : Promise.resolve(pushedSettings);
      s = raw
        .catch(() => undefined)
        .then((value) => {
          const { settings, problems } = normalizeSettings(value);
          for (const p of problems) void connection.window.showWarningMessage(`Claim Lens: ${p}`);
          return settings;
        });
      settingsByUri.set(uri, s);
    }
    return s;
  };

  const workspaceFolderOf = (uri: string) => {
    const path = fileUriToPath(uri);
    return session.workspaceFolders.find((f) => path?.startsWith(f + '/')) ?? session.workspaceFolders[0];
  };

  /** The cached check result of an open document, or undefined if it is not open. */
  const entryFor = async (uri: string): Promise<Entry | undefined> => {
    const settings = await settingsFor(uri);
    const corpus = await session.corpus({ folders: session.folders(settings, workspaceFolderOf(uri)), maxFileSize: settings.maxFileSize });
    const doc = documents.get(uri);
    if (!doc) return undefined;
    return session.check({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId }, corpus, settings.maxFileSize);
  };

  /** Runs a feature on a document; an exception is logged and answered as an error, never a crash. */
  const feature =
    <P extends { textDocument: { uri: string } }, R>(name: string, run: (entry: Entry, params: P, settings: Settings) => R, empty: R) =>
    async (params: P): Promise<R | ResponseError<void>> => {
      try {
        const entry = await entryFor(params.textDocument.uri);
        return entry ? run(entry, params, await settingsFor(params.textDocument.uri)) : empty;
      } catch (e) {
        connection.console.error(`Claim Lens ${name} failed: ${(e as Error).stack ?? e}`);
        return new ResponseError(-32603, `Claim Lens ${name} failed: ${(e as Error).message}`);
      }
    };

  // Diagnostics: a burst of edits costs one analysis ------------------------------------------
  const validate = async (uri: string) => {
    try {
      const entry = await entryFor(uri);
      const doc = documents.get(uri);
      // A newer version arrived while this one was analysed; its own validation will publish.
      if (!entry || !doc || doc.version !== entry.version) return;
      await connection.sendDiagnostics({ uri, version: entry.version, diagnostics: diagnostics(entry, await settingsFor(uri)) });
    } catch (e) {
      connection.console.error(`Claim Lens diagnostics failed: ${(e as Error).stack ?? e}`);
    }
  };
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
  const revalidateAll = () => {
    documents.all().forEach((d) => schedule(d.uri));
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
    if (capabilities.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
  };

  // Source files changed: coalesce the burst, re-read, re-check open documents -------------------
  const changedPaths = new Set<string>();
  let refreshTimer: NodeJS.Timeout | undefined;
  const sourcesChanged = (paths: string[]) => {
    for (const p of paths) changedPaths.add(p);
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      const batch = [...changedPaths];
      changedPaths.clear();
      const changed = session.refreshSources(batch);
      for (const c of changed) sendStatus(c, false);
      if (changed.length) revalidateAll();
    }, 50);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const init = params.initializationOptions as { settings?: unknown; trusted?: boolean } | undefined;
    pushedSettings = init?.settings;
    session.trusted = init?.trusted !== false;
    session.workspaceFolders = (params.workspaceFolders ?? []).map((f) => fileUriToPath(f.uri)).filter((p): p is string => Boolean(p));
    if (!session.workspaceFolders.length && params.rootUri) session.workspaceFolders = [fileUriToPath(params.rootUri)].filter((p): p is string => Boolean(p));
    watcher = new SourceWatcher(connection, capabilities, sourcesChanged);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'Claim Lens' },
        semanticTokensProvider: { legend: LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'claimlens-server', version: typeof VERSION === 'string' ? VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'claimlens' });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { claimlens?: unknown } | undefined)?.claimlens;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsByUri.clear();
    session.resetCorpora();
    revalidateAll();
  });
  connection.onDidChangeWatchedFiles((params) => sourcesChanged(params.changes.map((c) => fileUriToPath(c.uri)).filter((p): p is string => Boolean(p))));

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    session.forget(e.document.uri);
    settingsByUri.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(feature('hover', (e, p) => hover(e, e.lines.offsetAt(p.position)), null));
  connection.onDocumentSymbol(feature('documentSymbol', (e) => documentSymbols(e), []));
  connection.languages.semanticTokens.on(feature('semanticTokens', (e) => semanticTokens(e), { data: [] }));
  connection.onCodeLens(feature('codeLens', (e, _p, s) => (s.codeLens ? codeLenses(e) : []), []));
  // Editors without the client's peek command send it here: open the first passage instead.
  connection.onExecuteCommand(async (p) => {
    if (p.command !== PEEK_COMMAND) return null;
    const locations = (p.arguments?.[2] ?? []) as Location[];
    if (locations[0]) await connection.window.showDocument({ uri: locations[0].uri, selection: locations[0].range, takeFocus: true });
    return null;
  });

  connection.onShutdown(() => watcher?.dispose());
  documents.listen(connection);
  connection.listen();
}

declare const VERSION: string | undefined;
