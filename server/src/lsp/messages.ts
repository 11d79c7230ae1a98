// Messages for the user, sent as window/showMessage notifications. The
// show*Message helpers of vscode-languageserver send window/showMessageRequest,
// which Neovim (before 0.10) and Vim answer with a blocking "Request Actions"
// prompt even when there is nothing to choose; a notification shows the same
// text everywhere without stopping the editor.

import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';

export function showInfo(connection: Connection, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
}

export function showWarning(connection: Connection, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
}

/**
 * Problems with a file the user keeps (the bibliography), said once per
 * distinct state rather than each time the file is read (every code action
 * request reads it): a topic's problems are said when they first appear, and
 * again when they change or the files change on disk and are still wrong;
 * once the files are fine the topic is forgotten, so a later break is said.
 * Each problem is one warning, as the corpus's problems are, and goes to the
 * output channel too.
 */
export class ProblemNotices {
  private readonly said = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  report(problems: readonly string[], topic: string, version: string): void {
    if (!problems.length) {
      this.said.delete(topic);
      return;
    }
    const state = JSON.stringify([problems, version]);
    if (this.said.get(topic) === state) return;
    this.said.set(topic, state);
    for (const p of problems) {
      showWarning(this.connection, `Claim Lens: ${p}`);
      this.connection.console.warn(`Claim Lens: ${p}`);
    }
  }
}
