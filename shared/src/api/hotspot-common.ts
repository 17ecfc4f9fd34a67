import { Type } from 'typebox';

/** Building blocks of the hot-spot contract (hotspots.ts, hotspot-panel.ts). */

/** A count; null where a figure is withheld (the problem picture's rule; hot-spot answers no longer withhold any). */
export const Count = Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]);
export const Num = Type.Union([Type.Number(), Type.Null()]);
export const Class = Type.Integer({ minimum: -3, maximum: 3 });
export const LonLat = Type.Array(Type.Number(), { minItems: 2, maxItems: 2 });
export const PolygonGeometry = Type.Object(
  { type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(LonLat)) },
  { additionalProperties: false },
);
