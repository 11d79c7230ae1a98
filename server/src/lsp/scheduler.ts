// When edited documents are checked. Edits further apart than BURST_MS are
// checked at once (the common case: one keystroke); edits that arrive closer
// together wait COALESCE_MS so a burst (a paste, a replay, a fast typist's
// repeat) costs a handful of analyses, each of the latest version.

/** Edits closer together than this are a burst... */
const BURST_MS = 8;
/** ...and wait this long to be checked together. */
const COALESCE_MS = 15;

export class EditScheduler {
  private readonly pending = new Set<string>();
  private readonly lastChange = new Map<string, number>();
  private lastAny = 0;
  private scheduled = false;

  constructor(private readonly validate: (uri: string) => Promise<void>) {}

  /** A document changed: check it soon. */
  schedule(uri: string): void {
    const now = performance.now();
    const previous = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    this.lastAny = now;
    this.pending.add(uri);
    if (!this.scheduled) this.arm(previous !== undefined && now - previous < BURST_MS);
  }

  /** A document closed: forget its edit history. */
  forget(uri: string): void {
    this.lastChange.delete(uri);
    this.pending.delete(uri);
  }

  private arm(burst: boolean): void {
    this.scheduled = true;
    if (burst) setTimeout(() => void this.flush(), COALESCE_MS);
    else setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const uris = [...this.pending];
    this.pending.clear();
    for (const u of uris) await this.validate(u);
    this.scheduled = false;
    // Edits that came in meanwhile: still a burst if they keep coming.
    if (this.pending.size) this.arm(performance.now() - this.lastAny < BURST_MS);
  }
}
