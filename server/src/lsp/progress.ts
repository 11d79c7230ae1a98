// Work-done progress for long work (indexing sources, scanning articles):
// nothing is shown for work shorter than a moment, and the status the client
// shows says whether anything is still loading.

import type { Connection } from 'vscode-languageserver';

/** Work shorter than this shows no progress. */
const PROGRESS_AFTER_MS = 300;

export type ProgressReport = (done: number, total: number) => void;

export class Progress {
  private running = 0;

  constructor(
    private readonly connection: Connection,
    /** Called whenever work starts or ends, so the status follows. */
    private readonly onChange: () => void,
  ) {}

  /** Whether any work is under way. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Runs work, showing progress when it takes longer than a moment. */
  async run(title: string, work: (report: ProgressReport) => Promise<void>): Promise<void> {
    let finished = false;
    let progress: Awaited<ReturnType<Connection['window']['createWorkDoneProgress']>> | undefined;
    let last: [number, number] | undefined;
    const timer = setTimeout(async () => {
      const p = await this.connection.window.createWorkDoneProgress();
      // The work may have ended while the client created the progress.
      if (finished) return p.done();
      progress = p;
      p.begin(title, 0, undefined, false);
      if (last) p.report(percent(last[0], last[1]), `${last[0]} of ${last[1]} files`);
    }, PROGRESS_AFTER_MS);
    this.running++;
    this.onChange();
    try {
      await work((done, total) => {
        last = [done, total];
        progress?.report(percent(done, total), `${done} of ${total} files`);
      });
    } finally {
      finished = true;
      clearTimeout(timer);
      progress?.done();
      this.running--;
      this.onChange();
    }
  }
}

function percent(done: number, total: number): number {
  return Math.round((100 * done) / Math.max(1, total));
}
