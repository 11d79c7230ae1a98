// The language server: capabilities and one handler table. Each handler
// finds the document's cached check result and hands it to a feature in
// features/; no analysis happens here.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Location,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCacheDir } from './corpus/cache.js';
import type { Corpus } from './corpus/corpus.js';
import { claimItems, workspaceSymbols } from './features/claimSearch.js';
import { codeActions, IGNORE_IN_WORKSPACE_COMMAND } from './features/codeActions.js';
import { codeLenses, PEEK_COMMAND } from './features/codeLens.js';
import { diagnostics } from './features/diagnostics.js';
import { hover } from './features/hover.js';
import { LEGEND, semanticTokens } from './features/semanticTokens.js';
import { documentSymbols } from './features/symbols.js';
import { IGNORE_FILE, WorkspaceIgnores } from './ignoreFile.js';
import { isInside, relativePath } from './paths.js';
import { fileUriToPath, Session, type Entry } from './session.js';
import { normalizeSettings, type Settings } from './settings.js';
import { FileWatcher, SOURCE_GLOBS } from './watcher.js';
import { WorkspaceIndex } from './workspaceIndex.js';

export interface ServerOptions {
  /** The bundled seeds folder. */
  seeds: string;
  /** The bundled indexing worker, if any. */
  workerScript?: string;
}

/** Sent to the client whenever sources or articles change: what the status bar shows. */
export const STATUS_NOTIFICATION = 'claimlens/status';
export interface StatusParams {
  sources: number;
  articles: number;
  loading: boolean;
}
/** The Search Claims list: every claim of the workspace with its support state. */
export const CLAIMS_REQUEST = 'claimlens/claims';
/** What the server holds in memory: for monitoring a long session (and the flood test). */
export const STATS_REQUEST = 'claimlens/stats';

/** Work shorter than this shows no progress. */
const PROGRESS_AFTER_MS = 300;
/** Edits closer together than this are a burst (a paste, a replay, a fast typist's repeat)... */
const BURST_MS = 8;
/** ...and wait this long to be checked together. */
const COALESCE_MS = 15;

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const ignores = new WorkspaceIgnores();
  let capabilities: ClientCapabilities = {};
  let watcher: FileWatcher | undefined;
  let loading = 0;

  /** Shows progress for work that takes longer than a moment. */
  const withProgress = async (title: string, work: (report: (done: number, total: number) => void) => Promise<void>) => {
    let finished = false;
    let progress: Awaited<ReturnType<typeof connection.window.createWorkDoneProgress>> | undefined;
    let last: [number, number] | undefined;
    const timer = setTimeout(async () => {
      const p = await connection.window.createWorkDoneProgress();
      // The work may have ended while the client created the progress.
      if (finished) return p.done();
      progress = p;
      p.begin(title, 0, undefined, false);
      if (last) p.report(Math.round((100 * last[0]) / Math.max(1, last[1])), `${last[0]} of ${last[1]} files`);
    }, PROGRESS_AFTER_MS);
    loading++;
    sendStatus();
    try {
      await work((done, total) => {
        last = [done, total];
        progress?.report(Math.round((100 * done) / Math.max(1, total)), `${done} of ${total} files`);
      });
    } finally {
      finished = true;
      clearTimeout(timer);
      progress?.done();
      loading--;
      sendStatus();
    }
  };

  const session = new Session(options.seeds, {
    loading: (_corpus, ready, progress) => void withProgress('Claim Lens: indexing sources', (report) => (progress(report), ready)),
    loaded: (corpus) => {
      for (const p of corpus.problems.splice(0)) {
        if (p.severity === 'warning') void connection.window.showWarningMessage(`Claim Lens: ${p.message}`);
        connection.console.info(p.message);
      }
      for (const f of session.untrustedSkipped) connection.console.warn(`Claim Lens: not reading sources from ${f}: the workspace is not trusted`);
      connection.console.info(`Claim Lens: ${corpus.size} sources loaded from ${corpus.folderList.join(', ')}`);
      for (const root of corpus.rootList) void watcher?.watch(root.folder, root.pattern ? [root.pattern] : SOURCE_GLOBS);
    },
  }, { workerScript: options.workerScript, version: typeof VERSION === 'string' ? VERSION : 'dev' });
  const sendStatus = () => {
    const sources = Math.max(0, ...session.allCorpora().map((c: Corpus) => c.size));
    void connection.sendNotification(STATUS_NOTIFICATION, { sources, articles: workspace.size, loading: loading > 0 } satisfies StatusParams);
  };

  // Settings, per resource ---------------------------------------------------------------------
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
  const folderOf = (path: string | undefined) => session.workspaceFolders.find((f) => path !== undefined && path !== f && isInside(f, path));
  const corpusFor = async (uri: string) => {
    const settings = await settingsFor(uri);
    const path = fileUriToPath(uri);
    return session.corpus({ folders: session.folders(settings, folderOf(path)), maxFileSize: settings.maxFileSize });
  };

  // Articles of the workspace, for claim search -----------------------------------------------------
  const workspace = new WorkspaceIndex((path) => corpusFor(pathToUri(path)), { include: [], exclude: [], maxFileSize: 0 });
  const reportIgnoreProblems = () => {
    for (const p of ignores.problems.splice(0)) void connection.window.showWarningMessage(`Claim Lens: ${p}`);
  };
  const ignoredFor = (path: string | undefined) => {
    const list = ignores.entriesFor(folderOf(path), path);
    reportIgnoreProblems();
    return list;
  };
  const scanWorkspace = async () => {
    const folder = session.workspaceFolders[0];
    if (!folder) return;
    const settings = await settingsFor(pathToUri(folder));
    await withProgress('Claim Lens: indexing articles', (report) =>
      workspace.scan(session.workspaceFolders, { include: settings.include, exclude: settings.exclude, maxFileSize: settings.maxFileSize }, report),
    );
    for (const f of session.workspaceFolders) void watcher?.watch(f, [...settings.include, IGNORE_FILE]);
    for (const d of documents.all()) void entryFor(d.uri);
  };

  /** The cached check result of an open document, or undefined if it is not open. */
  const entryFor = async (uri: string): Promise<Entry | undefined> => {
    const settings = await settingsFor(uri);
    const corpus = await corpusFor(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const path = fileUriToPath(uri);
    const entry = session.check({ uri, version: doc.version, text: doc.getText(), languageId: doc.languageId }, corpus, settings.maxFileSize, ignoredFor(path));
    if (path) workspace.setOpen(path, entry.text, entry.result);
    return entry;
  };

  /** Runs a feature on a document; an exception is logged and answered as an error, never a crash. */
  const feature =
    <P extends { textDocument: { uri: string } }, R>(name: string, run: (entry: Entry, params: P, settings: Settings) => R, empty: R) =>
    async (params: P, token?: CancellationToken): Promise<R | ResponseError<void>> => {
      try {
        const entry = await entryFor(params.textDocument.uri);
        // The editor gave up on this request while the document was being checked.
        if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
        return entry ? run(entry, params, await settingsFor(params.textDocument.uri)) : empty;
      } catch (e) {
        return failed(name, e);
      }
    };
  const failed = (name: string, e: unknown) => {
    connection.console.error(`Claim Lens ${name} failed: ${(e as Error)?.stack ?? e}`);
    return new ResponseError<void>(-32603, `Claim Lens ${name} failed: ${(e as Error)?.message ?? e}`);
  };

  // Diagnostics: a burst of edits costs one analysis -----------------------------------------------
  // CLAIMLENS_FAULT=no-diagnostics makes the server publish nothing: the end-to-end suites must then fail,
  // which shows they test the real server (see README, "Testing").
  const publishNothing = process.env.CLAIMLENS_FAULT === 'no-diagnostics';
  const validate = async (uri: string) => {
    if (publishNothing) return;
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
  // Edits further apart than BURST_MS are checked at once (the common case: one keystroke); edits
  // that arrive closer together wait COALESCE_MS so a burst costs a handful of analyses, each of
  // the latest version.
  const pending = new Set<string>();
  const lastChange = new Map<string, number>();
  let lastAny = 0;
  let scheduled = false;
  const flush = async () => {
    const uris = [...pending];
    pending.clear();
    for (const u of uris) await validate(u);
    scheduled = false;
    // Edits that came in meanwhile: still a burst if they keep coming.
    if (pending.size) arm(performance.now() - lastAny < BURST_MS);
  };
  const arm = (burst: boolean) => {
    scheduled = true;
    if (burst) setTimeout(() => void flush(), COALESCE_MS);
    else setImmediate(() => void flush());
  };
  const schedule = (uri: string) => {
    const now = performance.now();
    const previous = lastChange.get(uri);
    lastChange.set(uri, now);
    lastAny = now;
    pending.add(uri);
    if (!scheduled) arm(previous !== undefined && now - previous < BURST_MS);
  };
  const revalidateAll = () => {
    documents.all().forEach((d) => schedule(d.uri));
    if (capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
    if (capabilities.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
  };

  // Files changed on disk: coalesce the burst, then sources, the ignore file and articles follow -------
  const changedPaths = new Set<string>();
  let refreshTimer: NodeJS.Timeout | undefined;
  const filesChanged = (paths: string[]) => {
    for (const p of paths) changedPaths.add(p);
    refreshTimer ??= setTimeout(async () => {
      refreshTimer = undefined;
      const batch = [...changedPaths];
      changedPaths.clear();
      const changed = session.refreshSources(batch);
      // Files that could not be read this time (binary, not UTF-8, gone unreadable) are reported once.
      for (const c of changed) for (const p of c.problems.splice(0)) connection.console.info(p.message);
      const corporaChanged = changed.length > 0;
      const ignoresChanged = batch.some((p) => p.endsWith(IGNORE_FILE));
      if (ignoresChanged) session.invalidate();
      for (const p of batch) await workspace.update(p);
      if (corporaChanged || ignoresChanged) {
        revalidateAll();
        await workspace.recheck();
      }
      sendStatus();
    }, 50);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    const init = params.initializationOptions as { settings?: unknown; trusted?: boolean; cacheDir?: unknown } | undefined;
    pushedSettings = init?.settings;
    session.setup.cacheDir = typeof init?.cacheDir === 'string' ? init.cacheDir : defaultCacheDir();
    session.trusted = init?.trusted !== false;
    session.workspaceFolders = (params.workspaceFolders ?? []).map((f) => fileUriToPath(f.uri)).filter((p): p is string => Boolean(p));
    if (!session.workspaceFolders.length && params.rootUri) session.workspaceFolders = [fileUriToPath(params.rootUri)].filter((p): p is string => Boolean(p));
    watcher = new FileWatcher(connection, capabilities, filesChanged);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'Claim Lens' },
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [IGNORE_IN_WORKSPACE_COMMAND] },
      },
      serverInfo: { name: 'claimlens-server', version: typeof VERSION === 'string' ? VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'claimlens' });
    }
    void scanWorkspace();
  });

  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { claimlens?: unknown } | undefined)?.claimlens;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsByUri.clear();
    session.resetCorpora();
    revalidateAll();
    void scanWorkspace();
  });
  connection.onDidChangeWatchedFiles((params) => filesChanged(params.changes.map((c) => fileUriToPath(c.uri)).filter((p): p is string => Boolean(p))));

  documents.onDidChangeContent((e) => schedule(e.document.uri));
  documents.onDidClose((e) => {
    session.forget(e.document.uri);
    lastChange.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    const path = fileUriToPath(e.document.uri);
    if (path) void workspace.closed(path);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(feature('hover', (e, p) => hover(e, e.lines.offsetAt(p.position)), null));
  connection.onDocumentSymbol(feature('documentSymbol', (e) => documentSymbols(e), []));
  connection.languages.semanticTokens.on(feature('semanticTokens', (e) => semanticTokens(e), { data: [] }));
  connection.onCodeLens(feature('codeLens', (e, _p, s) => (s.codeLens ? codeLenses(e) : []), []));
  connection.onCodeAction(
    feature('codeAction', (e, p, s) => {
      const folder = folderOf(fileUriToPath(e.uri));
      return codeActions(e, { range: p.range, diagnostics: p.context.diagnostics, inWorkspace: Boolean(folder), folder, trusted: session.trusted }, s);
    }, []),
  );
  connection.onWorkspaceSymbol((p) => safely('workspaceSymbol', () => workspaceSymbols(workspace.all(), p.query, relativeToWorkspace)));
  connection.onRequest(CLAIMS_REQUEST, () => safely('claims', () => claimItems(workspace.all(), relativeToWorkspace)));
  connection.onRequest(STATS_REQUEST, () => ({ ...session.stats(), documents: documents.all().length, articles: workspace.size, heapUsed: process.memoryUsage().heapUsed }));
  connection.onExecuteCommand((p) => safely('executeCommand', () => executeCommand(p.command, p.arguments ?? [])));

  const safely = <R>(name: string, run: () => R | Promise<R>) => {
    try {
      return Promise.resolve(run()).catch((e) => failed(name, e));
    } catch (e) {
      return Promise.resolve(failed(name, e));
    }
  };
  const relativeToWorkspace = (path: string) => {
    const folder = folderOf(path);
    return folder ? relativePath(folder, path) : path;
  };
  const executeCommand = async (command: string, args: unknown[]) => {
    if (command === IGNORE_IN_WORKSPACE_COMMAND) {
      const { uri, kind, text } = (args[0] ?? {}) as { uri?: string; kind?: string; text?: string };
      const path = uri && fileUriToPath(uri);
      const folder = folderOf(path);
      if (!path || !folder || !kind || !text) throw new Error('ignoreInWorkspace needs {uri, kind, text} of a file in a workspace folder');
      ignores.add(folder, { kind, text, file: relativePath(folder, path) });
      session.invalidate();
      revalidateAll();
      return null;
    }
    // Editors without the client's peek command send it here: open the first passage instead.
    if (command === PEEK_COMMAND) {
      const location = ((args[2] ?? []) as Location[])[0];
      if (location) await connection.window.showDocument({ uri: location.uri, selection: location.range, takeFocus: true });
      return null;
    }
    throw new Error(`unknown command ${command}`);
  };

  connection.onShutdown(() => watcher?.dispose());
  documents.listen(connection);
  connection.listen();
}

function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}

declare const VERSION: string | undefined;
