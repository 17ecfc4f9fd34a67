import type { PaperResponseBody, PublicCampaign } from '@lagesbild/shared';

export const PIN_SLOTS = 3;

/** Everything the form sent, by field name: enough to show it again after a refusal without JavaScript. */
export function entriesOf(form: FormData): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) if (typeof value === 'string') (values[name] ??= []).push(value);
  return values;
}

/**
 * The paper form → the API's answer. Empty fields are left out (unanswered); a pin slot
 * counts when it has a category, and its place is the named place, else the coordinates,
 * else the description.
 */
export function paperBody(
  campaign: PublicCampaign,
  values: Record<string, string[]>,
  locale: string,
): PaperResponseBody | { path: string; message: string } {
  const one = (name: string) => (values[name]?.[0] ?? '').trim();
  const answers: PaperResponseBody['answers'] = {};
  for (const q of campaign.questions) {
    const name = `a.${q.id}`;
    if (q.type === 'multiple') {
      const chosen = values[name] ?? [];
      if (chosen.length > 0) answers[q.id] = chosen;
    } else if (q.type === 'matrix') {
      const rows = Object.fromEntries(
        (q.rows ?? []).map((r): [string, string] => [r.value, one(`m.${q.id}.${r.value}`)]).filter(([, v]) => v),
      );
      if (Object.keys(rows).length > 0) answers[q.id] = rows;
    } else if (q.type === 'number') {
      const raw = one(name).replace(',', '.');
      if (raw !== '') {
        const n = Number(raw);
        if (!Number.isFinite(n)) return { path: `body.answers.${q.id}`, message: 'must be a number' };
        answers[q.id] = n;
      }
    } else if (q.type !== 'pins') {
      const value = one(name);
      if (value) answers[q.id] = value;
    }
  }
  const pins: PaperResponseBody['pins'] = [];
  for (let i = 0; i < PIN_SLOTS; i++) {
    const category = one(`pin.${i}.category`);
    if (!category) continue;
    const pin: PaperResponseBody['pins'][number] = { category: category as PaperResponseBody['pins'][number]['category'] };
    const place = one(`pin.${i}.place`);
    const coords = one(`pin.${i}.coords`);
    const description = one(`pin.${i}.description`);
    if (place) pin.placeId = place;
    else if (coords) {
      const match = /^\s*(-?\d+(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d+(?:[.,]\d+)?)\s*$/.exec(coords);
      if (!match) return { path: `body.pins.${pins.length}`, message: 'write the coordinates as "57.18, 14.04"' };
      const [, lat = '', lon = ''] = match;
      pin.lat = Number(lat.replace(',', '.'));
      pin.lon = Number(lon.replace(',', '.'));
    } else if (description) pin.placeDescription = description;
    else return { path: `body.pins.${pins.length}`, message: 'choose a place, give coordinates or describe the place' };
    const times = values[`pin.${i}.times`] ?? [];
    if (times.length > 0) pin.times = times as NonNullable<typeof pin.times>;
    const comment = one(`pin.${i}.comment`);
    if (comment) pin.comment = comment;
    pins.push(pin);
  }
  return { locale, answers, pins };
}
