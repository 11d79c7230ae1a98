// The commands the server runs itself (workspace/executeCommand), listed in
// executeCommandProvider so that every LSP client can run what a lens or a
// code action names. Their ids differ from the VS Code extension's own
// commands (claimlens.peekPassages, claimlens.searchClaims): vscode-languageclient
// registers every listed id as a VS Code command, and a clash would break activation.

import type { Location } from 'vscode-languageserver';
import { IGNORE_IN_WORKSPACE_COMMAND } from './codeActions.js';

/** Shows the source passages of a lens: opens the first, or says them in a message. */
export const SHOW_PASSAGES_COMMAND = 'claimlens.showPassages';
export { IGNORE_IN_WORKSPACE_COMMAND };
export const SERVER_COMMANDS = [SHOW_PASSAGES_COMMAND, IGNORE_IN_WORKSPACE_COMMAND];

/** One source passage as a lens carries it: where it is, a short label and its text. */
export interface Passage {
  location: Location;
  /** "seeds/000_….txt:4" */
  label: string;
  text: string;
}

export interface ShowPassagesArgs {
  uri: string;
  passages: Passage[];
}

/** What the command needs from the client. */
export interface ClientWindow {
  /** The client declared `window.showDocument` support. */
  canShowDocument: boolean;
  showDocument(location: Location): Promise<boolean>;
  showMessage(text: string): void;
}

/**
 * Opens the first passage where the client can open documents for the server;
 * anywhere else (Vim, Emacs, older clients) shows the passages in a message.
 * Either way the answer lists every passage's location, for clients that
 * use a command's result.
 */
export async function showPassages(args: unknown[], window: ClientWindow): Promise<Location[]> {
  const given = (args[0] as Partial<ShowPassagesArgs> | undefined)?.passages;
  const passages = Array.isArray(given) ? given.filter(isPassage) : [];
  if (!passages.length) throw new Error(`${SHOW_PASSAGES_COMMAND} needs {uri, passages: [{location, label, text}]}`);
  if (!(window.canShowDocument && (await window.showDocument(passages[0].location)))) {
    window.showMessage(passages.map((p) => `${p.label}: ${quoted(p.text)}`).join('\n'));
  }
  return passages.map((p) => p.location);
}

function isPassage(p: unknown): p is Passage {
  const o = p as Passage | undefined;
  return typeof o?.label === 'string' && typeof o.text === 'string' && typeof o.location?.uri === 'string' && typeof o.location.range?.start?.line === 'number';
}

/**
 * Quotes a passage without doubling the quotation marks it has at either end:
 * a passage that opens with its own quotation mark is shown as it is.
 */
export function quoted(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^["“”‘']/.test(t)) return t;
  if (/["”]$/.test(t)) return `“${t}”`;
  return `"${t}"`;
}
