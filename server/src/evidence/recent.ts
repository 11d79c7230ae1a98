// What evidence keeps across checks by a text's words: a keystroke leaves
// most sentences, lines, claim parts and quotes as they were, so their
// derived data is looked up rather than computed again. Bounded, the entry
// used longest ago going first.

export class Recent<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, or `compute()`'s, kept from now on. */
  get(key: string, compute: () => V): V {
    let value = this.map.get(key);
    if (value !== undefined) {
      // Most recently used last: the oldest goes first when it is full.
      this.map.delete(key);
    } else {
      value = compute();
      if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as string);
    }
    this.map.set(key, value);
    return value;
  }
}
