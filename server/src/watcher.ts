// Watching source folders so sources reload when their files change. The
// editor watches when it can (dynamic registration of
// workspace/didChangeWatchedFiles with relative patterns); otherwise the
// server watches with fs.watch. Either way changes arrive as file paths.

import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, type ClientCapabilities, type Connection, type Disposable } from 'vscode-languageserver';

export const SOURCE_GLOB = '**/*.{txt,md,markdown}';

export class SourceWatcher {
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

  async watch(folders: readonly string[]): Promise<void> {
    for (const folder of folders) {
      if (this.watched.has(folder)) continue;
      if (this.clientWatches) {
        const d = await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: { baseUri: pathToFileURL(folder).toString(), pattern: SOURCE_GLOB } }],
        });
        this.watched.set(folder, d);
        continue;
      }
      try {
        const w = watch(folder, { recursive: true, persistent: false }, (_event, file) => {
          if (file && /\.(?:txt|md|markdown)$/i.test(String(file))) this.onChange([join(folder, String(file))]);
        });
        w.on('error', (e) => this.connection.console.warn(`Claim Lens stopped watching ${folder}: ${e.message}`));
        this.watched.set(folder, w);
      } catch (e) {
        // A missing folder is reported by the corpus; there is nothing to watch.
        this.connection.console.info(`Claim Lens cannot watch ${folder}: ${(e as Error).message}`);
      }
    }
  }

  dispose(): void {
    for (const w of this.watched.values()) ('close' in w ? w.close() : w.dispose());
    this.watched.clear();
  }
}
