import { describe, expect, it } from 'vitest';
import { locales, negotiateLocale } from './index';

describe('locales', () => {
  it('every locale has exactly the Swedish keys, none empty', () => {
    const keys = Object.keys(locales.sv.messages).sort();
    for (const [name, locale] of Object.entries(locales)) {
      expect(Object.keys(locale.messages).sort(), name).toEqual(keys);
      for (const value of Object.values(locale.messages)) expect(value.trim().length, name).toBeGreaterThan(0);
    }
  });

  it('negotiates from Accept-Language with quality values, defaulting to Swedish', () => {
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
    expect(negotiateLocale('fi;q=0.9,en;q=0.5,sv;q=0.8')).toBe('sv');
    expect(negotiateLocale('de')).toBe('sv');
    expect(negotiateLocale(undefined)).toBe('sv');
  });
});
