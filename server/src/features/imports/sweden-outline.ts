import { must } from '@lagesbild/shared';
/**
 * A coarse outline of Sweden with its islands and coastal waters, drawn generously (tens of
 * kilometres out to sea, a little over the borders). It only catches what is plainly not in
 * Sweden: a place in the open Baltic, the Skagerrak or Finland that the box around the country
 * (`isInSweden`) lets through. A collaboration's own boundary does the precise check. Tested
 * against every corner of the 290 municipality boundaries and every police-feed position.
 */
const OUTLINE: readonly (readonly [number, number])[] = [
  // South coast, westwards, then up the west coast.
  [13.3, 55.15],
  [12.55, 55.2],
  [12.3, 55.6],
  [12.25, 56.1],
  [12.1, 56.35],
  [12.3, 56.65],
  [11.8, 57.1],
  [11.35, 57.6],
  [10.9, 58.3],
  [10.8, 58.95],
  [10.95, 59.2],
  // Along the Norwegian border, northwards.
  [11.45, 59.5],
  [11.9, 59.9],
  [12.1, 60.4],
  [11.95, 61.0],
  [11.8, 61.8],
  [11.75, 62.5],
  [11.65, 63.5],
  [12.15, 64.0],
  [13.3, 64.6],
  [13.7, 65.0],
  [14.15, 65.6],
  [14.2, 66.2],
  [15.0, 66.6],
  [15.65, 67.1],
  [15.75, 67.6],
  [16.35, 68.1],
  [17.7, 68.6],
  [19.3, 69.15],
  [20.55, 69.3],
  // Along the Finnish border, southwards.
  [21.7, 69.05],
  [23.4, 68.55],
  [24.0, 68.0],
  [24.2, 67.2],
  [24.2, 66.5],
  [24.5, 65.75],
  // The Gulf of Bothnia and the Baltic coast, southwards, round Gotland and Öland.
  [24.5, 65.35],
  [23.3, 64.85],
  [22.1, 64.4],
  [21.5, 63.7],
  [20.1, 63.05],
  [18.3, 62.3],
  [17.95, 61.5],
  [17.85, 60.75],
  [19.05, 60.45],
  [19.95, 59.85],
  [19.6, 59.2],
  [18.45, 58.7],
  [19.3, 58.55],
  [19.7, 58.3],
  [19.75, 57.9],
  [19.35, 57.3],
  [18.75, 56.75],
  [18.0, 56.7],
  [17.45, 56.75],
  [16.8, 55.95],
  [15.8, 55.75],
  [14.9, 55.75],
  [14.5, 55.3],
  [13.8, 55.2],
];

/** Is the place within the coarse outline of Sweden and its waters? */
export function inSwedenOutline(lat: number, lon: number): boolean {
  let inside = false;
  for (const [i, [xi, yi]] of OUTLINE.entries()) {
    const [xj, yj] = must(OUTLINE.at(i - 1), 'the previous outline point');
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
