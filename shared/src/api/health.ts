import { Type, type Static } from 'typebox';

export const HealthResponse = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('postgres'), Type.Literal('pglite')]),
  },
  { additionalProperties: false },
);
export type HealthResponse = Static<typeof HealthResponse>;
