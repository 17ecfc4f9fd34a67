import { Type, type Static } from 'typebox';

/** The error body every 4xx/5xx answer uses (ARCHITECTURE.md, "Contracts"). */
export const ErrorBody = Type.Object(
  {
    error: Type.String({ description: 'machine-readable code, e.g. VALIDATION_FAILED' }),
    message: Type.String(),
    details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false }))),
  },
  { additionalProperties: false, $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;
