// Watching folders for changed files: source folders (sources reload) and
// workspace folders (articles for claim search, the workspace ignore file).
// The editor watches when it can (dynamic registration of
// workspace/didChangeWatchedFiles with relative patterns); otherwise the
// server watches with fs.watch. Either way changes arrive as file paths.

import { watch, type FSWatcher } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { DidChangeWatchedFilesNotification, type ClientCapabilities, type Connection, type Disposable } from 'vscode-languageserver';

export const SOURCE_GLOBS = ['**/*.{txt,md,markdown,html,htm}', '**/claimlens-sources.json'];

export class FileWatcher {
  private readonly watched = new Map<string, Disposable | FSWatcher>();
  private readonly clientWatches: boolean;

  constructor(
    private readonly connection: Connection,
    capabilities: ClientCapabilities,
    private readonly onChange: (paths: string[]) => void,
  ) {
    const w = capabilities.workspace?.didChangeWatchedFiles;
    this.clientWatches = Boolean(w?.dynamicRegistration && w.relativePatternSupport);
  }

  /** Watches files matching the globs under a folder (once per folder and globs). */
  async watch(folder: string, globs: string[]): Promise<void> {
    const key = JSON.stringify([folder, globs]);
    if (this.watched.has(key)) return;
    if (this.clientWatches) {
      const baseUri = pathToFileURL(folder).toString();
      const d = await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: globs.map((pattern) => ({ globPattern: { baseUri, pattern } })),
      });
      this.watched.set(key, d);
      return;
    }
    const isMatch = picomatch(globs, { dot: true });
    try {
      const w = watch(folder, { recursive: true, persistent: false }, (_event, file) => {
        if (file && isMatch(String(file).split(sep).join('/'))) this.onChange([join(folder, String(file))]);
      });
      w.on('error', (e) => this.connection.console.warn(`Claim Lens stopped watching ${folder}: ${e.message}`));
      this.watched.set(key, w);
    } catch (e) {
      // A missing folder is reported where it is used; there is nothing to watch.
      this.connection.console.info(`Claim Lens cannot watch ${folder}: ${(e as Error).message}`);
    }
  }

  dispose(): void {
    for (const w of this.watched.values()) ('close' in w ? w.close() : w.dispose());
    this.watched.clear();
  }
}
