import { locales, translator, type Locale, type MessageKey } from '@lagesbild/shared';

/** The message for a code (`imports.code.…`, `survey.refused.…`) when the locale has one, else `fallback`. */
export function codeLabel(locale: Locale, prefix: string, code: string, fallback: string): string {
  const key = `${prefix}${code}`;
  return Object.hasOwn(locales[locale].messages, key) ? translator(locale)(key as MessageKey) : fallback;
}
