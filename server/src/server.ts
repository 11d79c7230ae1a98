// The language server's main loop: capabilities, the document lifecycle and
// what follows a change (an edit, a file on disk, the configuration). The
// parts live beside it in lsp/: the handler table (handlers.ts), edit
// scheduling (scheduler.ts), progress (progress.ts), the settings cache
// (settingsCache.ts) and file-change coalescing (fileChanges.ts). No analysis
// happens here; features/ turn cached results into LSP types.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCacheDir } from './corpus/cache.js';
import type { Corpus } from './corpus/corpus.js';
import { SERVER_COMMANDS } from './features/commands.js';
import { diagnostics } from './features/diagnostics.js';
import { LEGEND } from './features/semanticTokens.js';
import { IGNORE_FILE, WorkspaceIgnores } from './ignoreFile.js';
import { ChangeCoalescer } from './lsp/fileChanges.js';
import { registerHandlers, type HandlerContext } from './lsp/handlers.js';
import { showWarning } from './lsp/messages.js';
import { Progress } from './lsp/progress.js';
import { EditScheduler } from './lsp/scheduler.js';
import { SettingsCache } from './lsp/settingsCache.js';
import { isInside } from './paths.js';
import { settingsIn } from './settings.js';
import { checkArticle, checkArticleSliced, checkArticleWith, type CheckOptions } from './engine.js';
import { fileUriToPath, Session, SLICED_FROM, type Entry } from './session.js';
import { FileWatcher, SOURCE_GLOBS } from './watcher.js';
import { WorkspaceIndex } from './workspaceIndex.js';
import { AnalysisWorker } from './analysisWorker.js';
import type { Format } from './analysis/types.js';

export { CLAIMS_REQUEST, STATS_REQUEST } from './lsp/handlers.js';

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

export function startServer(connection: Connection, options: ServerOptions): void {
  const documents = new TextDocuments(TextDocument);
  const ignores = new WorkspaceIgnores();
  const settings = new SettingsCache(connection);
  const analyzer = new AnalysisWorker(options.workerScript);
  /** Commands the client runs itself (the VS Code extension's peek), from initializationOptions. */
  const clientCommands = new Set<string>();
  let watcher: FileWatcher | undefined;
  /** After `shutdown` the server answers nothing but `exit` and publishes nothing. */
  let shutDown = false;

  const sendStatus = () => {
    if (shutDown) return;
    const sources = Math.max(0, ...session.allCorpora().map((c: Corpus) => c.size));
    void connection.sendNotification(STATUS_NOTIFICATION, { sources, articles: workspace.size, loading: progress.busy } satisfies StatusParams);
  };
  const progress = new Progress(connection, sendStatus);

  const session = new Session(options.seeds, {
    loading: (_corpus, ready, report) => void progress.run('Claim Lens: indexing sources', (r) => (report(r), ready)),
    loaded: (corpus) => {
      for (const p of corpus.problems.splice(0)) {
        if (p.severity === 'warning') showWarning(connection, `Claim Lens: ${p.message}`);
        connection.console.info(p.message);
      }
      for (const f of session.untrustedSkipped) connection.console.warn(`Claim Lens: not reading sources from ${f}: the workspace is not trusted`);
      connection.console.info(`Claim Lens: ${corpus.size} sources loaded from ${corpus.folderList.join(', ')}`);
      for (const root of corpus.rootList) void watcher?.watch(root.folder, root.pattern ? [root.pattern] : SOURCE_GLOBS);
    },
  }, { workerScript: options.workerScript, version: typeof VERSION === 'string' ? VERSION : 'dev' });

  const folderOf = (path: string | undefined) => session.workspaceFolders.find((f) => path !== undefined && path !== f && isInside(f, path));
  const corpusFor = async (uri: string) => {
    const s = await settings.get(uri);
    return session.corpus({ folders: session.folders(s, folderOf(fileUriToPath(uri))), maxFileSize: s.maxFileSize, maxTotalBytes: s.maxSourcesSize });
  };

  // Articles of the workspace, for claim search.
  // Large articles on disk are checked like large open documents: analysed on the worker, evidence in slices.
  // Claim search sees every article as the editor does: against the desk's archive when one is set and answers.
  const checkFile = async (text: string, options: CheckOptions) => {
    const s = options.path ? await settings.get(pathToUri(options.path)) : undefined;
    const store = s?.archive && session.trusted ? await session.archive(s.archive, warnArchive) : undefined;
    const checked = store && (await checkArticleWith(store, text, options).catch((e) => void session.archiveFailed(s!.archive, e, warnArchive)));
    if (checked) return checked.result;
    return text.length < SLICED_FROM ? checkArticle(text, options) : checkArticleSliced(text, options, { analyze: (t, format) => analyzer.analyze(t, format), pause: pauseUnless(() => !shutDown) });
  };
  const workspace = new WorkspaceIndex((path) => corpusFor(pathToUri(path)), { include: [], exclude: [], maxFileSize: 0 }, session, checkFile);
  const ignoredFor = (path: string | undefined) => {
    const list = ignores.entriesFor(folderOf(path), path);
    for (const p of ignores.problems.splice(0)) showWarning(connection, `Claim Lens: ${p}`);
    return list;
  };
  const scanWorkspace = async () => {
    const folder = session.workspaceFolders[0];
    if (!folder) return;
    const s = await settings.get(pathToUri(folder));
    await progress.run('Claim Lens: indexing articles', (report) =>
      workspace.scan(session.workspaceFolders, { include: s.include, exclude: s.exclude, maxFileSize: s.maxFileSize }, report),
    );
    for (const f of session.workspaceFolders) void watcher?.watch(f, [...s.include, IGNORE_FILE]);
    for (const d of documents.all()) void entryFor(d.uri);
  };

  const warnArchive = (message: string) => showWarning(connection, `Claim Lens: ${message}; checking against the local sources instead`);
  const entryFor = async (uri: string): Promise<Entry | undefined> => {
    const s = await settings.get(uri);
    const corpus = await corpusFor(uri);
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const path = fileUriToPath(uri);
    const version = doc.version;
    const input = { uri, version, text: doc.getText(), languageId: doc.languageId };
    // The desk's archive when one is set (not in an untrusted workspace); the local corpus when it fails.
    let entry: Entry | undefined;
    if (s.archive && session.trusted) {
      const store = await session.archive(s.archive, warnArchive);
      if (store) entry = await session.checkIn(input, store, s.maxFileSize, ignoredFor(path)).catch((e) => (session.archiveFailed(s.archive, e, warnArchive), undefined));
    }
    // A large document is analysed on the worker and its evidence gathered in slices, so hovers and
    // other documents are answered meanwhile; a newer version (or shutdown) cancels the run.
    const run = { analyze: (text: string, format: Format) => analyzer.analyze(text, format), pause: pauseUnless(() => !shutDown && documents.get(uri)?.version === version) };
    entry ??= await session.checkSliced(input, corpus, s.maxFileSize, ignoredFor(path), run);
    if (entry && path) workspace.setOpen(path, entry.text, entry.result);
    return entry;
  };

  // Diagnostics. CLAIMLENS_FAULT=no-diagnostics makes the server publish nothing: the end-to-end
  // suites must then fail, which shows they test the real server (see README, "Testing").
  const publishNothing = process.env.CLAIMLENS_FAULT === 'no-diagnostics';
  const validate = async (uri: string) => {
    if (publishNothing || shutDown) return;
    try {
      const entry = await entryFor(uri);
      const doc = documents.get(uri);
      // A newer version arrived while this one was analysed; its own validation will publish.
      if (!entry || !doc || doc.version !== entry.version) return;
      await connection.sendDiagnostics({ uri, version: entry.version, diagnostics: diagnostics(entry, await settings.get(uri)) });
    } catch (e) {
      connection.console.error(`Claim Lens diagnostics failed: ${(e as Error).stack ?? e}`);
    }
  };
  const scheduler = new EditScheduler(validate);
  const revalidateAll = () => {
    documents.all().forEach((d) => scheduler.schedule(d.uri));
    if (settings.capabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh');
    if (settings.capabilities.workspace?.semanticTokens?.refreshSupport) void connection.languages.semanticTokens.refresh();
  };

  // Files changed on disk: sources, the ignore file and articles follow.
  const fileChanges = new ChangeCoalescer(async (batch) => {
    if (shutDown) return;
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
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings.capabilities = params.capabilities;
    const init = params.initializationOptions as { trusted?: boolean; cacheDir?: unknown; clientCommands?: unknown } | undefined;
    settings.pushed = settingsIn(init);
    if (Array.isArray(init?.clientCommands)) for (const c of init.clientCommands) if (typeof c === 'string') clientCommands.add(c);
    session.setup.cacheDir = typeof init?.cacheDir === 'string' ? init.cacheDir : defaultCacheDir();
    session.trusted = init?.trusted !== false;
    session.workspaceFolders = (params.workspaceFolders ?? []).map((f) => fileUriToPath(f.uri)).filter((p): p is string => Boolean(p));
    if (!session.workspaceFolders.length && params.rootUri) session.workspaceFolders = [fileUriToPath(params.rootUri)].filter((p): p is string => Boolean(p));
    watcher = new FileWatcher(connection, params.capabilities, (paths) => fileChanges.add(paths));
    return {
      capabilities: {
        // Every client must accept UTF-16, the offsets JavaScript strings (and the analysis) use.
        positionEncoding: 'utf-16',
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        documentSymbolProvider: { label: 'Claim Lens' },
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: SERVER_COMMANDS },
      },
      serverInfo: { name: 'claimlens-server', version: typeof VERSION === 'string' ? VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (settings.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'claimlens' });
    }
    void scanWorkspace();
  });

  connection.onDidChangeConfiguration((change) => {
    if (shutDown) return;
    const pushed = settingsIn(change.settings);
    if (pushed !== undefined) settings.pushed = pushed;
    settings.clear();
    session.resetCorpora();
    revalidateAll();
    void scanWorkspace();
  });
  connection.onDidChangeWatchedFiles((params) => fileChanges.add(params.changes.map((c) => fileUriToPath(c.uri)).filter((p): p is string => Boolean(p))));

  documents.onDidChangeContent((e) => scheduler.schedule(e.document.uri));
  documents.onDidClose((e) => {
    if (shutDown) return;
    session.forget(e.document.uri);
    scheduler.forget(e.document.uri);
    settings.forget(e.document.uri);
    const path = fileUriToPath(e.document.uri);
    if (path) void workspace.closed(path);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const handlers: HandlerContext = { connection, documents, session, workspace, settings, ignores, clientCommands, entryFor, folderOf, revalidateAll, isShutDown: () => shutDown };
  registerHandlers(handlers);

  connection.onShutdown(() => {
    shutDown = true;
    session.resetCorpora();
    analyzer.dispose();
    watcher?.dispose();
    fileChanges.dispose();
  });
  documents.listen(connection);
  connection.listen();
}

/** Slices of work this long hold the thread at most; then pending messages are handled. */
const SLICE_MS = 8;

/** A pause for sliced work: gives the thread back every SLICE_MS; true (stop) once the work is no longer wanted. */
function pauseUnless(wanted: () => boolean): () => Promise<boolean> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last >= SLICE_MS) {
      await new Promise((r) => setImmediate(r));
      last = performance.now();
    }
    return !wanted();
  };
}

function pathToUri(path: string): string {
  return pathToFileURL(path).toString();
}

declare const VERSION: string | undefined;
