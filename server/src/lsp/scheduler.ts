// When edited documents are checked. An edit that finds the server idle is
// checked at once (the common case: one keystroke, or an editor that sends
// its next change once it has the last one's diagnostics). Edits that pile
// up (they arrive while a check is pending or running, closer together than
// BURST_MS) are a burst — a paste, a replay, a flood — and wait COALESCE_MS
// so it costs a handful of analyses, each of the latest version.

/** Edits closer together than this, the earlier one having had to wait, are a burst... */
const BURST_MS = 8;
/** ...and wait this long to be checked together. */
const COALESCE_MS = 15;

export class EditScheduler {
  private readonly pending = new Set<string>();
  /** When each document last changed, and whether that change had to wait for a check. */
  private readonly lastChange = new Map<string, { at: number; waited: boolean }>();
  private lastAny = 0;
  private scheduled = false;

  constructor(private readonly validate: (uri: string) => Promise<void>) {}

  /** A document changed: check it soon. */
  schedule(uri: string): void {
    const now = performance.now();
    const previous = this.lastChange.get(uri);
    this.lastChange.set(uri, { at: now, waited: this.scheduled });
    this.lastAny = now;
    this.pending.add(uri);
    // An edit right after one that waited continues a burst; one after an edit that was checked at once does not
    // (a client that sends each change as soon as it has the last one's diagnostics is not flooding).
    if (!this.scheduled) this.arm(previous !== undefined && previous.waited && now - previous.at < BURST_MS);
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
