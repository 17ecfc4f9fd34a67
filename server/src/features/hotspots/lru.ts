/**
 * A small least-recently-used map, bounded by entries and by total weight (e.g. bytes). Values
 * may be promises, so concurrent requests for the same key share one computation; a failed
 * computation is dropped by its owner (see `getOrCreate`).
 */
export class Lru<V> {
  private readonly map = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxWeight = Infinity,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get weight(): number {
    return this.total;
  }

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    // Re-insert: a Map iterates in insertion order, so the first key is the least recent.
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  set(key: string, value: V, weight = 0): void {
    this.delete(key);
    this.map.set(key, { value, weight });
    this.total += weight;
    this.evict();
  }

  /** Changes the weight of an entry once it is known (e.g. when a promise settles). */
  reweigh(key: string, weight: number): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.total += weight - entry.weight;
    entry.weight = weight;
    this.evict();
  }

  delete(key: string): void {
    const entry = this.map.get(key);
    if (!entry) return;
    this.total -= entry.weight;
    this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  /** The cached value, or `create()`'s, cached; returns whether it was a hit. */
  getOrCreate(key: string, create: () => V): { value: V; hit: boolean } {
    const cached = this.get(key);
    if (cached !== undefined) return { value: cached, hit: true };
    const value = create();
    this.set(key, value);
    return { value, hit: false };
  }

  private evict(): void {
    while (this.map.size > this.maxEntries || (this.total > this.maxWeight && this.map.size > 1)) {
      const oldest = this.map.keys().next().value as string;
      this.delete(oldest);
    }
  }
}
