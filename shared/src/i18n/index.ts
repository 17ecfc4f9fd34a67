import { en } from './en';
import { sv, type MessageKey, type Messages } from './sv';

export type { MessageKey, Messages };

/**
 * Locales and their writing direction. Adding a language (Arabic, Somali, Finnish…) is one
 * folder of catalogues like `en/` and one line here; right-to-left locales set `dir: 'rtl'`
 * and the layout uses logical CSS properties so it mirrors by itself.
 */
export const locales = {
  sv: { name: 'Svenska', dir: 'ltr', messages: sv },
  en: { name: 'English', dir: 'ltr', messages: en },
} as const;

export type Locale = keyof typeof locales;
export const defaultLocale: Locale = 'sv';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && Object.hasOwn(locales, value);
}

/** Picks the best supported locale from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? defaultLocale;
}

/** `t(key)` or `t(key, { name: 'Sara' })` for messages with {placeholders}. */
export function translator(locale: Locale): (key: MessageKey, values?: Record<string, string | number>) => string {
  const messages = locales[locale].messages;
  return (key, values) =>
    values ? messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole)) : messages[key];
}
