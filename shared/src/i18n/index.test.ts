import { describe, expect, it } from 'vitest';
import { enCatalogues } from './en';
import { locales, negotiateLocale } from './index';
import { svCatalogues } from './sv';

describe('locales', () => {
  it('every locale has exactly the Swedish keys, none empty', () => {
    const keys = Object.keys(locales.sv.messages).sort();
    for (const [name, locale] of Object.entries(locales)) {
      expect(Object.keys(locale.messages).sort(), name).toEqual(keys);
      for (const value of Object.values(locale.messages)) expect(value.trim().length, name).toBeGreaterThan(0);
    }
  });

  it('has one catalogue per feature, each with the same keys in Swedish and English', () => {
    expect(Object.keys(enCatalogues).sort()).toEqual(Object.keys(svCatalogues).sort());
    for (const [name, catalogue] of Object.entries(svCatalogues)) {
      expect(Object.keys(enCatalogues[name as keyof typeof enCatalogues]).sort(), name).toEqual(Object.keys(catalogue).sort());
    }
  });

  it('keeps every key in one catalogue only, so merging loses none', () => {
    for (const catalogues of [svCatalogues, enCatalogues]) {
      const sizes = Object.values(catalogues).reduce((sum, catalogue) => sum + Object.keys(catalogue).length, 0);
      expect(Object.keys(locales.sv.messages)).toHaveLength(sizes);
    }
  });

  it('negotiates from Accept-Language with quality values, defaulting to Swedish', () => {
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fi;q=0.9,en;q=0.5,sv;q=0.8')).toBe('sv');
    expect(negotiateLocale('de')).toBe('sv');
    expect(negotiateLocale(undefined)).toBe('sv');
  });
});
