import { Type, type Static } from 'typebox';

/** SCB's residents per grid square as CSV text: a square id and a count per row, a header first. */
export const PopulationGridUpload = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 4_000_000,
      description:
        "SCB's 'befolkning per ruta' CSV: a header, then one row per square with its id (13 digits: the south-west corner's " +
        'SWEREF 99 TM northing and easting, in either order) and its residents; `;`, `,` or tab separated; an optional year column',
    }),
    size: Type.Optional(Type.Enum([250, 1000], { description: 'square size in metres; default: read from the ids' })),
  },
  { additionalProperties: false },
);
export type PopulationGridUpload = Static<typeof PopulationGridUpload>;

export const PopulationGridSummary = Type.Object(
  {
    size: Type.Union([Type.Enum([250, 1000]), Type.Null()], { description: 'null: no grid imported' }),
    squares: Type.Integer(),
    residents: Type.Integer(),
    year: Type.Union([Type.Integer(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PopulationGridSummary = Static<typeof PopulationGridSummary>;

export const PopulationGridImported = Type.Object(
  {
    ...PopulationGridSummary.properties,
    rowsTotal: Type.Integer(),
    rowsSkipped: Type.Integer({ description: 'rows without residents, or squares named twice (the last kept)' }),
  },
  { additionalProperties: false },
);
export type PopulationGridImported = Static<typeof PopulationGridImported>;
