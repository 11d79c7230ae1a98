// The handler table: one line per LSP request, each finding the document's
// cached check result and handing it to a feature in features/. Every
// handler answers an exception with an error response, never a crash.

import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Location, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { claimItems, workspaceSymbols } from '../features/claimSearch.js';
import { codeActions } from '../features/codeActions.js';
import { codeLenses, PEEK_COMMAND } from '../features/codeLens.js';
import { IGNORE_IN_WORKSPACE_COMMAND, SHOW_PASSAGES_COMMAND, showPassages } from '../features/commands.js';
import { hover, hoverPeople } from '../features/hover.js';
import { semanticTokens } from '../features/semanticTokens.js';
import { documentSymbols } from '../features/symbols.js';
import { sameText } from '../analysis/ignores.js';
import type { WorkspaceIgnores } from '../ignoreFile.js';
import { relativePath } from '../paths.js';
import { fileUriToPath, type Entry, type Session } from '../session.js';
import type { Settings } from '../settings.js';
import type { WorkspaceIndex } from '../workspaceIndex.js';
import { ProblemNotices, showInfo } from './messages.js';
import type { SettingsCache } from './settingsCache.js';

/** The Search Claims list: every claim of the workspace with its support state. */
export const CLAIMS_REQUEST = 'claimlens/claims';
/** What the server holds in memory: for monitoring a long session (and the flood test). */
export const STATS_REQUEST = 'claimlens/stats';

/** What the handlers need of the server. */
export interface HandlerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  session: Session;
  workspace: WorkspaceIndex;
  settings: SettingsCache;
  ignores: WorkspaceIgnores;
  /** Commands the client runs itself, as it said in initializationOptions. */
  clientCommands: ReadonlySet<string>;
  /** The cached check result of an open document, or undefined if it is not open. */
  entryFor(uri: string): Promise<Entry | undefined>;
  /** The workspace folder a path lies in. */
  folderOf(path: string | undefined): string | undefined;
  /** Re-checks every open document and asks the client to refresh lenses and tokens. */
  revalidateAll(): void;
  /** The client sent `shutdown`: from then on only `exit` is accepted. */
  isShutDown(): boolean;
}

export function registerHandlers(ctx: HandlerContext): void {
  const { connection } = ctx;
  const feature = featureRunner(ctx);
  const relativeToWorkspace = (path: string) => {
    const folder = ctx.folderOf(path);
    return folder ? relativePath(folder, path) : path;
  };

  // Clients that show code lenses (VS Code) get no hover on a whole sentence; the rest get the lens's information there.
  const claimHovers = (s: Settings) => !s.codeLens || !ctx.settings.capabilities.textDocument?.codeLens;
  connection.onHover(
    feature('hover', async (e, p, s) => {
      const offset = e.lines.offsetAt(p.position);
      // An archive whose connection is gone still gets its hover, with what the check read.
      const shown = hoverPeople(e, offset);
      await e.corpus.completePeople?.(shown.names, shown.quotesWithLines).catch(() => undefined);
      return hover(e, offset, { claims: claimHovers(s) });
    }, null),
  );
  connection.onDocumentSymbol(feature('documentSymbol', (e) => documentSymbols(e), []));
  connection.languages.semanticTokens.on(feature('semanticTokens', (e) => semanticTokens(e), { data: [] }));
  connection.onCodeLens(feature('codeLens', (e, _p, s) => (s.codeLens ? codeLenses(e, { clientPeek: ctx.clientCommands.has(PEEK_COMMAND) }) : []), []));
  // What is wrong with the bibliography reaches the user once per state of the files, not once per request.
  const citationNotices = new ProblemNotices(connection);
  const citationProblems = citationNotices.report.bind(citationNotices);
  connection.onCodeAction(
    feature('codeAction', (e, p, s) => {
      const folder = ctx.folderOf(fileUriToPath(e.uri));
      return codeActions(e, { range: p.range, diagnostics: p.context.diagnostics, inWorkspace: Boolean(folder), folder, trusted: ctx.session.trusted, citationProblems }, s);
    }, []),
  );
  connection.onWorkspaceSymbol((p) => safely(ctx, 'workspaceSymbol', () => workspaceSymbols(ctx.workspace.all(), p.query, relativeToWorkspace)));
  connection.onRequest(CLAIMS_REQUEST, () => safely(ctx, 'claims', () => claimItems(ctx.workspace.all(), relativeToWorkspace)));
  connection.onRequest(STATS_REQUEST, () =>
    safely(ctx, 'stats', () => ({
      ...ctx.session.stats(),
      documents: ctx.documents.all().length,
      articles: ctx.workspace.size,
      heapUsed: process.memoryUsage().heapUsed,
    })),
  );
  connection.onExecuteCommand((p) => safely(ctx, 'executeCommand', () => executeCommand(ctx, p.command, p.arguments ?? [])));
}

/** Runs a feature on a document; an exception is logged and answered as an error, never a crash. */
function featureRunner(ctx: HandlerContext) {
  return <P extends { textDocument: { uri: string } }, R>(name: string, run: (entry: Entry, params: P, settings: Settings) => R | Promise<R>, empty: R) =>
    async (params: P, token?: CancellationToken): Promise<R | ResponseError<void>> => {
      if (ctx.isShutDown()) return shutDownError();
      try {
        const entry = await ctx.entryFor(params.textDocument.uri);
        // The editor gave up on this request while the document was being checked.
        if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
        return entry ? await run(entry, params, await ctx.settings.get(params.textDocument.uri)) : empty;
      } catch (e) {
        return failed(ctx.connection, name, e);
      }
    };
}

function safely<R>(ctx: HandlerContext, name: string, run: () => R | Promise<R>): Promise<R | ResponseError<void>> {
  if (ctx.isShutDown()) return Promise.resolve(shutDownError());
  try {
    return Promise.resolve(run()).catch((e) => failed(ctx.connection, name, e));
  } catch (e) {
    return Promise.resolve(failed(ctx.connection, name, e));
  }
}

/** What every request after `shutdown` gets (the protocol allows only `exit` then). */
function shutDownError(): ResponseError<void> {
  return new ResponseError<void>(ErrorCodes.InvalidRequest, 'Claim Lens is shut down: only exit is accepted');
}

function failed(connection: Connection, name: string, e: unknown): ResponseError<void> {
  connection.console.error(`Claim Lens ${name} failed: ${(e as Error)?.stack ?? e}`);
  return new ResponseError<void>(-32603, `Claim Lens ${name} failed: ${(e as Error)?.message ?? e}`);
}

/**
 * Commands take only arguments the server itself issued: an ignore entry for
 * a finding the document has now, passages of sources in the corpus. A
 * forged command (a URI anywhere on disk, a megabyte of "text") is refused.
 */
async function executeCommand(ctx: HandlerContext, command: string, args: unknown[]): Promise<Location[] | null> {
  if (command === IGNORE_IN_WORKSPACE_COMMAND) {
    const { uri, kind, text } = (args[0] ?? {}) as { uri?: unknown; kind?: unknown; text?: unknown };
    const path = typeof uri === 'string' ? fileUriToPath(uri) : undefined;
    const folder = ctx.folderOf(path);
    if (!path || !folder || typeof kind !== 'string' || typeof text !== 'string') throw new Error('ignoreInWorkspace needs {uri, kind, text} of a file in a workspace folder');
    const entry = await ctx.entryFor(uri as string);
    if (!entry?.result.findings.some((f) => f.kind === kind && sameText(entry.text.slice(f.start, f.end), text))) {
      throw new Error('ignoreInWorkspace: the document has no such finding');
    }
    ctx.ignores.add(folder, { kind, text, file: relativePath(folder, path) });
    ctx.session.invalidate();
    ctx.revalidateAll();
    return null;
  }
  if (command === SHOW_PASSAGES_COMMAND) {
    const { connection } = ctx;
    const given = (args[0] as { passages?: unknown } | undefined)?.passages;
    for (const p of Array.isArray(given) ? given : []) {
      const uri = (p as { location?: { uri?: unknown } } | undefined)?.location?.uri;
      const path = typeof uri === 'string' ? fileUriToPath(uri) : undefined;
      if (!path || !ctx.session.allCorpora().some((c) => c.getByPath(path))) throw new Error(`${SHOW_PASSAGES_COMMAND} shows passages of the corpus only`);
    }
    return showPassages(args, {
      canShowDocument: Boolean(ctx.settings.capabilities.window?.showDocument?.support),
      showDocument: async (l) => (await connection.window.showDocument({ uri: l.uri, selection: l.range, takeFocus: true })).success,
      showMessage: (text) => showInfo(connection, text),
    });
  }
  throw new Error(`unknown command ${command}`);
}
