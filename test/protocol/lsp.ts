// A small LSP client for protocol tests: spawns the real `claimlens-server
// --stdio` from package.json's bin, answers the server's requests like an
// editor would, and lets tests wait for notifications instead of sleeping.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type InitializeResult,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

import { ROOT } from '../root';
export { ROOT };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
export const SERVER = join(ROOT, pkg.bin['claimlens-server']);

export const uriOf = (path: string) => pathToFileURL(path).toString();

/** The LSP position of `needle` (plus `delta` characters) in `text`. */
export function positionOf(text: string, needle: string, delta = 0) {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

interface Waiter<T> {
  match: (value: T) => boolean;
  resolve: (value: T) => void;
}

export interface StartOptions {
  /** Workspace folder (absolute path). */
  root?: string;
  /** The `claimlens` settings the client answers workspace/configuration with. */
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Extra client capabilities. */
  capabilities?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
}

/** Waits give up after this long, so a test fails with a message instead of hanging. */
const WAIT_MS = 15000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const live = new Set<LspClient>();

export class LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Requests the server sent to the client, in order. */
  readonly requests: { method: string; params: unknown }[] = [];
  readonly stderr: string[] = [];
  private diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private notificationWaiters: (Waiter<{ method: string; params: unknown }>)[] = [];
  settings: Record<string, unknown>;
  initializeResult!: InitializeResult;
  private versions = new Map<string, number>();

  private constructor(
    readonly connection: MessageConnection,
    readonly process: ChildProcess,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], {
      cwd: options.root ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child, options.settings ?? {});
    live.add(client);
    child.stderr!.on('data', (d) => client.stderr.push(String(d)));
    connection.onNotification((method: string, params: unknown) => {
      const n = { method, params };
      client.notifications.push(n);
      if (method === 'textDocument/publishDiagnostics') {
        const p = params as PublishDiagnosticsParams;
        client.diagnostics.set(p.uri, p);
        client.diagnosticWaiters = client.diagnosticWaiters.filter((w) => (w.match(p) ? (w.resolve(p), false) : true));
      }
      client.notificationWaiters = client.notificationWaiters.filter((w) => (w.match(n) ? (w.resolve(n), false) : true));
    });
    // vscode-jsonrpc routes $/progress past the notification handler; record it like any notification.
    connection.onUnhandledProgress((params) => {
      const n = { method: '$/progress', params };
      client.notifications.push(n);
      client.notificationWaiters = client.notificationWaiters.filter((w) => (w.match(n) ? (w.resolve(n), false) : true));
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'claimlens' ? client.settings : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', (params: unknown) => {
      client.requests.push({ method: 'window/workDoneProgress/create', params });
      return null;
    });
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    // Messages shown to the user are recorded like notifications, whichever way the server sends them.
    connection.onRequest('window/showMessageRequest', (params: unknown) => {
      const n = { method: 'window/showMessage', params };
      client.notifications.push(n);
      client.notificationWaiters = client.notificationWaiters.filter((w) => (w.match(n) ? (w.resolve(n), false) : true));
      return null;
    });
    connection.onRequest('window/showDocument', (params: unknown) => {
      client.requests.push({ method: 'window/showDocument', params });
      return { success: true };
    });
    connection.listen();
    const root = options.root ?? ROOT;
    // A server that dies at start-up fails the test with its stderr instead of hanging it.
    const died = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`claimlens-server exited with ${code} during start-up:\n${client.stderr.join('')}`))),
    );
    client.initializeResult = await Promise.race([died, connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uriOf(root),
      initializationOptions: options.initializationOptions,
      workspaceFolders: [{ uri: uriOf(root), name: 'workspace' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true, symbol: {} },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        },
        window: { workDoneProgress: true },
        ...options.capabilities,
      },
    }) as Promise<InitializeResult>]);
    await connection.sendNotification('initialized', {});
    return client;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Opens a document; resolves with its first diagnostics. */
  async open(uri: string, text: string, languageId = uri.endsWith('.md') ? 'markdown' : 'plaintext'): Promise<PublishDiagnosticsParams> {
    this.versions.set(uri, 1);
    const diags = this.waitForDiagnostics(uri, (p) => p.version === undefined || p.version === 1);
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return diags;
  }

  /** Applies content changes as a new version; resolves with that version's diagnostics. */
  async change(uri: string, contentChanges: unknown[]): Promise<PublishDiagnosticsParams> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const diags = this.waitForDiagnostics(uri, (p) => p.version === version);
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return diags;
  }

  async close(uri: string): Promise<void> {
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  waitForDiagnostics(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const waiting = new Promise<PublishDiagnosticsParams>((resolve) => this.diagnosticWaiters.push({ match: (p) => p.uri === uri && match(p), resolve }));
    return withTimeout(waiting, `diagnostics for ${uri}`);
  }

  waitForNotification(method: string, match: (params: unknown) => boolean = () => true, timeoutMs = WAIT_MS): Promise<{ method: string; params: unknown }> {
    const seen = this.notifications.find((n) => n.method === method && match(n.params));
    if (seen) return Promise.resolve(seen);
    const waiting = new Promise<{ method: string; params: unknown }>((resolve) =>
      this.notificationWaiters.push({ match: (n) => n.method === method && match(n.params), resolve }),
    );
    return withTimeout(waiting, method, timeoutMs);
  }

  async stop(): Promise<void> {
    live.delete(this);
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; the kill below still ends it.
    }
    const exited = new Promise((resolve) => (this.process.exitCode !== null ? resolve(undefined) : this.process.once('exit', resolve)));
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

// A failed test must not leave a server running (it would keep mocha alive).
if (typeof after === "function") after(async () => {
  await Promise.all([...live].map((c) => c.stop()));
});
