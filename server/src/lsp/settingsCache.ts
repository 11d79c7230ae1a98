// Settings per resource: asked of the client (workspace/configuration with
// the document's URI) when it can answer, over the settings it pushed (in
// initializationOptions or didChangeConfiguration: the only ones of clients
// that never answer, such as Neovim 0.7 and Vim);
// cached by URI until the configuration changes. Invalid values are replaced
// by defaults (settings.ts) and reported once per configuration, not once per
// document that reads them.

import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import { showWarning } from './messages.js';
import { mergeSettings, normalizeSettings, type Settings } from '../settings.js';

export class SettingsCache {
  private readonly byUri = new Map<string, Promise<Settings>>();
  /** The problems said since the configuration last changed. */
  private readonly said = new Set<string>();
  capabilities: ClientCapabilities = {};
  /** Settings the client sent in initializationOptions or didChangeConfiguration. */
  pushed: unknown;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<Settings> {
    let s = this.byUri.get(uri);
    if (!s) {
      const raw = this.capabilities.workspace?.configuration
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'claimlens' })
        : Promise.resolve(undefined);
      s = raw
        .catch(() => undefined)
        .then((answered) => {
          const { settings, problems } = normalizeSettings(mergeSettings(this.pushed, answered));
          for (const p of problems) {
            if (this.said.has(p)) continue;
            this.said.add(p);
            showWarning(this.connection, `Claim Lens: ${p}`);
          }
          return settings;
        });
      this.byUri.set(uri, s);
    }
    return s;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
    this.said.clear();
  }
}
