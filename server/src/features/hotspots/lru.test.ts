import { describe, expect, it } from 'vitest';
import { Lru } from './lru';

describe('Lru', () => {
  it('evicts the least recently used entry beyond its size', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.has('b')).toBe(false);
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
  });

  it('evicts by weight, keeping at least the newest entry', () => {
    const lru = new Lru<string>(10, 100);
    lru.set('a', 'x', 60);
    lru.set('b', 'y', 30);
    lru.reweigh('b', 50);
    expect(lru.has('a')).toBe(false);
    lru.set('huge', 'z', 500);
    expect([...['a', 'b', 'huge']].filter((k) => lru.has(k))).toEqual(['huge']);
    expect(lru.weight).toBe(500);
  });

  it('shares one value between concurrent callers', () => {
    const lru = new Lru<Promise<number>>(4);
    let made = 0;
    const first = lru.getOrCreate('k', () => Promise.resolve(++made));
    const second = lru.getOrCreate('k', () => Promise.resolve(++made));
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(second.value).toBe(first.value);
    expect(made).toBe(1);
  });
});
