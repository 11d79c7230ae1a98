// Files changed on disk arrive one event at a time (a checkout or a sync
// sends hundreds); they are collected for a moment and handled as one batch.

/** How long a burst of file events is collected before it is handled. */
const COLLECT_MS = 50;

export class ChangeCoalescer {
  private readonly paths = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onBatch: (paths: string[]) => Promise<void>) {}

  add(paths: string[]): void {
    for (const p of paths) this.paths.add(p);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      const batch = [...this.paths];
      this.paths.clear();
      void this.onBatch(batch);
    }, COLLECT_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.paths.clear();
  }
}
