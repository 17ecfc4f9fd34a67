import type { StopRatingsInput } from './api/walks';
import type { CategoryCode, TimeBand } from './taxonomy';

/** A rating at or below this (0 very poor, 1 poor) marks a problem at the stop. */
export const LOW_RATING = 1;

const low = (value: number | null | undefined) => value !== null && value !== undefined && value <= LOW_RATING;

/**
 * Which problem categories a walk stop is evidence of, from its low ratings (≤ 1). The stop feeds
 * the point store with one point per category returned, so a stop that was rated fine everywhere
 * adds nothing to the problem picture (it stays in the walk protocol).
 *
 * The mapping onto the shared taxonomy, and why:
 * - lighting low → `lighting` ("lighting and dark places").
 * - openness low (no view ahead, hiding places, dense vegetation, no way out) → `lighting` too:
 *   these are the "dark places" of the taxonomy's label, the physical spot residents pin as such.
 * - walk path low (no footway, broken surface, pedestrians pushed into the road) → `traffic`.
 * - visibility, people, security or mixed use low (nobody can see or hear you: no windows or
 *   active frontages, few people about, no guards or staff) → `disorder`: the absence of natural
 *   and formal surveillance is what situational crime prevention treats as the condition for
 *   disorder, and it is the category a coordinator filters on to plan trygghetsrundor.
 * - public transport low is context only (how far to a stop), not a problem at this place.
 * - overall feeling low with none of the above → `other`: felt unsafety whose cause the group
 *   did not rate (the stop's notes say why); it still counts where felt unsafety concentrates.
 */
export function walkStopCategories(ratings: StopRatingsInput): CategoryCode[] {
  const found = new Set<CategoryCode>();
  if (low(ratings.lighting) || low(ratings.openness)) found.add('lighting');
  if (low(ratings.walk_path)) found.add('traffic');
  if (low(ratings.visibility) || low(ratings.people) || low(ratings.security) || low(ratings.mixed_use)) found.add('disorder');
  if (found.size === 0 && low(ratings.feeling)) found.add('other');
  return [...found];
}

/**
 * The time band of a walk stop: a daylight walk counts as `day` unless the stop was recorded in
 * the morning; a walk in the dark counts as `evening` unless the stop was recorded at night or
 * before 10 in the morning (`hour` is the local hour it was recorded, when known).
 */
export function walkTimeBand(light: 'daylight' | 'dark', hour: number | undefined): TimeBand {
  if (hour === undefined) return light === 'daylight' ? 'day' : 'evening';
  if (light === 'daylight') return hour >= 6 && hour < 10 ? 'morning' : 'day';
  if (hour >= 22 || hour < 6) return 'night';
  if (hour < 10) return 'morning';
  return 'evening';
}
