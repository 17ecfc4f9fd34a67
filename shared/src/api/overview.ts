import { Type, type Static } from 'typebox';
import { pointSources } from '../taxonomy';

const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
  description: 'null when the figure rests on fewer records than the disclosure threshold and the caller may not see them raw',
});

export const Overview = Type.Object(
  {
    collaboration: Type.Object({ name: Type.String(), policeDistrict: Type.String() }, { additionalProperties: false }),
    responses: Type.Object({ total: Type.Integer(), last30Days: Type.Integer() }, { additionalProperties: false }),
    sources: Type.Array(Type.Object({ source: Type.Enum(pointSources), total: Count, last30Days: Count }, { additionalProperties: false })),
    disclosureThreshold: Type.Integer(),
  },
  { additionalProperties: false },
);
export type Overview = Static<typeof Overview>;
