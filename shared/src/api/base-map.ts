import { Type, type Static } from 'typebox';

/** What every map of the web app draws beneath its own layers (GET /api/public/base-map). */
export const BaseMapSource = Type.Object(
  {
    pmtilesUrl: Type.Union([Type.String(), Type.Null()], {
      description: 'the served OpenStreetMap extract (MAP_PMTILES) on this origin, read with HTTP range requests; null → none',
    }),
    styleUrl: Type.Union([Type.String(), Type.Null()], { description: 'MAP_STYLE_URL, used when there is no extract' }),
    attribution: Type.Union([Type.String(), Type.Null()], { description: 'what the map must credit for its base layer' }),
  },
  { additionalProperties: false },
);
export type BaseMapSource = Static<typeof BaseMapSource>;
