import { Type, type Static } from 'typebox';

export const AreaSummary = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    kind: Type.Enum(['boundary', 'district', 'deso', 'custom']),
    population: Type.Union([Type.Integer(), Type.Null()]),
  },
  { additionalProperties: false },
);
export const AreaList = Type.Object({ areas: Type.Array(AreaSummary) }, { additionalProperties: false });
export type AreaList = Static<typeof AreaList>;
