import { describe, expect, it } from 'vitest';
import { walkStopCategories, walkTimeBand } from './walk-categories';

describe('walkStopCategories', () => {
  it('derives categories from ratings of 0 or 1 only', () => {
    expect(walkStopCategories({})).toEqual([]);
    expect(walkStopCategories({ lighting: 2, openness: 3, feeling: 2 })).toEqual([]);
    expect(walkStopCategories({ lighting: 1 })).toEqual(['lighting']);
    expect(walkStopCategories({ lighting: 0, openness: 0 })).toEqual(['lighting']);
    expect(walkStopCategories({ walk_path: 1 })).toEqual(['traffic']);
    expect(walkStopCategories({ people: 0, security: 1, visibility: 0 })).toEqual(['disorder']);
    expect(walkStopCategories({ mixed_use: 1 })).toEqual(['disorder']);
  });

  it('treats public transport as context, and a bad feeling alone as "other"', () => {
    expect(walkStopCategories({ transport: 0 })).toEqual([]);
    expect(walkStopCategories({ feeling: 0 })).toEqual(['other']);
    expect(walkStopCategories({ feeling: 0, lighting: 0 })).toEqual(['lighting']);
    expect(walkStopCategories({ lighting: 0, walk_path: 0, people: 1, feeling: 0, lighting_extra: 0 } as never)).toEqual([
      'lighting',
      'traffic',
      'disorder',
    ]);
  });

  it('ignores unrated parameters', () => {
    expect(walkStopCategories({ lighting: null, feeling: null })).toEqual([]);
  });
});

describe('walkTimeBand', () => {
  it('follows daylight or dark, refined by the hour recorded', () => {
    expect(walkTimeBand('daylight', undefined)).toBe('day');
    expect(walkTimeBand('dark', undefined)).toBe('evening');
    expect(walkTimeBand('daylight', 8)).toBe('morning');
    expect(walkTimeBand('daylight', 21)).toBe('day');
    expect(walkTimeBand('dark', 17)).toBe('evening');
    expect(walkTimeBand('dark', 23)).toBe('night');
    expect(walkTimeBand('dark', 7)).toBe('morning');
  });
});
