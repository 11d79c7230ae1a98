// The status bar item: how many sources and articles Claim Lens knows, a
// spinner while it indexes; a click opens Search Claims.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface Status {
  sources: number;
  articles: number;
  loading: boolean;
}

export function statusBar(client: LanguageClient): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('claimlens.status', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Claim Lens';
  item.command = 'claimlens.searchClaims';
  item.text = '$(sync~spin) Claim Lens';
  item.tooltip = 'Claim Lens is starting';
  item.show();
  const listener = client.onNotification('claimlens/status', (s: Status) => {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    item.text = `${s.loading ? '$(sync~spin)' : '$(book)'} ${plural(s.sources, 'source')} · ${plural(s.articles, 'article')}`;
    item.tooltip = `Claim Lens: ${plural(s.sources, 'source')} loaded, ${plural(s.articles, 'article')} in the workspace${s.loading ? ' (indexing…)' : ''}. Click to search claims.`;
  });
  return vscode.Disposable.from(item, listener);
}
