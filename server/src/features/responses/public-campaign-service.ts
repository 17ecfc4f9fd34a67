import {
  COMMENT_MAX,
  PINS_MAX,
  TEXT_ANSWER_MAX,
  categories,
  geometryBbox,
  isLocale,
  pinTimeValues,
  type AreaGeometry,
  type LocalizedText,
  type PublicCampaign,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { placeMarkers } from '../places/place-service';
import { loadCampaign, studyArea } from './campaign-context';

/** The survey as a resident sees it, in their language. */

const PIN_TIME_LABELS: Record<(typeof pinTimeValues)[number], LocalizedText> = {
  morning: { sv: 'Morgon', en: 'Morning' },
  day: { sv: 'Dagtid', en: 'Daytime' },
  evening: { sv: 'Kväll', en: 'Evening' },
  night: { sv: 'Natt', en: 'Night' },
  weekdays: { sv: 'Vardagar', en: 'Weekdays' },
  weekend: { sv: 'Helger', en: 'Weekends' },
};

function text(value: LocalizedText, locale: string): string {
  return (locale === 'en' ? value.en : undefined) || value.sv;
}

function unionBbox(geometries: AreaGeometry[]): [number, number, number, number] {
  return geometries
    .map(geometryBbox)
    .reduce(
      (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
}

export async function publicCampaign(db: Kysely<Database>, slug: string, locale: string, now = new Date()): Promise<PublicCampaign> {
  const campaign = await loadCampaign(db, slug);
  const lang = isLocale(locale) ? locale : 'sv';
  const [area, places] = await Promise.all([studyArea(db, campaign), placeMarkers(db, campaign.collaboration_id)]);
  const questions = campaign.questions;
  return {
    slug: campaign.slug,
    title: text(campaign.title, lang),
    locale: lang,
    locales: ['sv', 'en'],
    collaboration: campaign.collaboration_name,
    open: campaign.opens_at <= now && now < campaign.closes_at,
    opensAt: campaign.opens_at.toISOString(),
    closesAt: campaign.closes_at.toISOString(),
    surveyVersion: campaign.version,
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      required: q.required,
      label: text(q.label, lang),
      ...(q.help ? { help: text(q.help, lang) } : {}),
      ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: text(o.label, lang) })) } : {}),
      ...(q.rows ? { rows: q.rows.map((o) => ({ value: o.value, label: text(o.label, lang) })) } : {}),
      ...(q.min !== undefined ? { min: q.min } : {}),
      ...(q.max !== undefined ? { max: q.max } : {}),
      ...(q.showIf ? { showIf: q.showIf } : {}),
    })),
    pinCategories: categories.map((c) => ({ value: c.code, label: c[lang] })),
    pinTimes: pinTimeValues.map((value) => ({ value, label: text(PIN_TIME_LABELS[value], lang) })),
    bounds: area.length > 0 ? unionBbox(area) : [10.5, 55, 24.5, 69.2],
    places: places.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon })),
    limits: { comment: COMMENT_MAX, text: TEXT_ANSWER_MAX, pins: PINS_MAX },
  };
}
