// "Claim Lens: Search Claims": a searchable list of every claim in the
// workspace with its support state and officials. Filters: contradicted only,
// and by official. Arguments preset the filters (for keybindings):
//   { contradictedOnly?: boolean, official?: string, query?: string }
// The command resolves with the claim opened, or undefined when dismissed.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export interface ClaimItem {
  uri: string;
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
  state: 'corroborated' | 'contradicted' | 'no source';
  sources: number;
  /** The supporting sources as people know them, originals first (absent from older servers). */
  sourceNames?: string[];
  officials: string[];
  kinds: string[];
}

export interface SearchArgs {
  contradictedOnly?: boolean;
  official?: string;
  query?: string;
}

const ICON = { corroborated: '$(pass)', contradicted: '$(error)', 'no source': '$(circle-large-outline)' } as const;

interface Pick extends vscode.QuickPickItem {
  claim: ClaimItem;
}

/** Fires with the number of claims listed each time the list opens (part of the extension's API). */
export const searchShown = new vscode.EventEmitter<number>();

export async function searchClaims(client: LanguageClient, args: SearchArgs = {}): Promise<ClaimItem | undefined> {
  const claims = await client.sendRequest<ClaimItem[]>('claimlens/claims', {});
  const filters = { contradictedOnly: Boolean(args.contradictedOnly), official: args.official };
  const contradictedButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('warning'), tooltip: 'Contradicted only (toggle)' };
  const officialButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('person'), tooltip: 'Filter by official' };
  const clearButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('clear-all'), tooltip: 'Clear filters' };

  const qp = vscode.window.createQuickPick<Pick>();
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.value = args.query ?? '';
  qp.buttons = [contradictedButton, officialButton, clearButton];
  const refresh = () => {
    const shown = claims.filter((c) => (!filters.contradictedOnly || c.state === 'contradicted') && (!filters.official || c.officials.includes(filters.official)));
    qp.items = shown.map((c) => ({
      label: `${ICON[c.state]} ${c.text}`,
      description: `${c.state}${c.sources ? ` · ${c.sources} source${c.sources === 1 ? '' : 's'}` : ''} · ${c.file}:${c.range.start.line + 1}`,
      detail: [c.officials.length ? `$(person) ${c.officials.join(', ')}` : '', c.sourceNames?.length ? `$(references) ${c.sourceNames.join('; ')}` : ''].filter(Boolean).join('  ') || undefined,
      claim: c,
    }));
    const active = [filters.contradictedOnly ? 'contradicted only' : '', filters.official ? `official: ${filters.official}` : ''].filter(Boolean).join(', ');
    qp.title = `Claim Lens: ${shown.length} of ${claims.length} claims${active ? ` (${active})` : ''}`;
    qp.placeholder = 'Search claims by words, names or numbers';
  };
  refresh();

  return new Promise<ClaimItem | undefined>((resolve) => {
    let choosingOfficial = false;
    let accepted = false;
    qp.onDidTriggerButton(async (button) => {
      if (button === contradictedButton) filters.contradictedOnly = !filters.contradictedOnly;
      else if (button === clearButton) {
        filters.contradictedOnly = false;
        filters.official = undefined;
      } else if (button === officialButton) {
        choosingOfficial = true;
        const officials = [...new Set(claims.flatMap((c) => c.officials))].sort();
        const chosen = await vscode.window.showQuickPick(officials, { placeHolder: 'Show claims naming…' });
        choosingOfficial = false;
        if (chosen) filters.official = chosen;
        qp.show();
      }
      refresh();
    });
    qp.onDidAccept(async () => {
      const pick = qp.selectedItems[0] ?? qp.activeItems[0];
      // Hiding fires onDidHide at once; the choice must not read as a dismissal.
      accepted = true;
      qp.hide();
      if (!pick) return resolve(undefined);
      const c = pick.claim;
      const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(c.uri), { selection: range });
      resolve(c);
    });
    qp.onDidHide(() => {
      if (choosingOfficial) return;
      qp.dispose();
      if (!accepted) resolve(undefined);
    });
    qp.show();
    searchShown.fire(qp.items.length);
  });
}
