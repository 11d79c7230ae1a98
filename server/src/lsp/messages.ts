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
