import { Type, type TStringOptions } from 'typebox';

/**
 * The schema keyword that marks a string residents see (survey and campaign texts, place names,
 * pledge texts): the server's validator cleans such a string before any other check reads it.
 * An `x-` name, so the OpenAPI document carries it as an extension.
 */
export const DISPLAY_TEXT = 'x-display-text';
/** `line`: a name or title, line breaks become spaces; `text`: multi-line, tab and line breaks kept. */
export type DisplayTextKind = 'line' | 'text';

// Control characters other than tab and line breaks, and the invisible marks that reorder or
// disguise text (LRM/RLM, the bidi embeddings, overrides and isolates, the Arabic letter mark).
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\n\r]+/g;

/** Stripped, not refused: a name pasted from a document with a stray mark is still the name meant. */
export function cleanDisplayText(text: string, kind: DisplayTextKind): string {
  const visible = text.replace(HIDDEN, '');
  return kind === 'line' ? visible.replace(LINE_BREAKS, ' ') : visible;
}

/** A one-line string residents see (a name, a title, a label). */
export const DisplayLine = (options: TStringOptions = {}) => Type.String({ ...options, [DISPLAY_TEXT]: 'line' });
/** A multi-line string residents see (a background, a description). */
export const DisplayText = (options: TStringOptions = {}) => Type.String({ ...options, [DISPLAY_TEXT]: 'text' });
