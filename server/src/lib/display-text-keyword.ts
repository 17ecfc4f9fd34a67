import type { KeywordDefinition } from 'ajv';
import type { DataValidationCxt } from 'ajv/dist/types';
import { DISPLAY_TEXT, cleanDisplayText, type DisplayTextKind } from '@lagesbild/shared';

/**
 * Cleans strings the contract marks as seen by residents (DisplayLine, DisplayText): control
 * and bidi-override characters are stripped as the body is validated, before the length checks
 * (so a name of nothing but such characters is "too short"), and what the route receives is the
 * clean string.
 */
export const displayTextKeyword: KeywordDefinition = {
  keyword: DISPLAY_TEXT,
  type: 'string',
  schemaType: 'string',
  modifying: true,
  before: 'maxLength',
  errors: false,
  compile: (kind: DisplayTextKind) => (data: string, context?: DataValidationCxt) => {
    if (context) {
      const cleaned = cleanDisplayText(data, kind);
      if (cleaned !== data) (context.parentData as Record<string | number, unknown>)[context.parentDataProperty] = cleaned;
    }
    return true;
  },
};
