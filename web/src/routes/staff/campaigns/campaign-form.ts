import type { CreateCampaignBody } from '@lagesbild/shared';
import { periodFromDays } from './period';

export interface CampaignFormValues {
  titleSv: string;
  titleEn: string;
  slug: string;
  surveyVersionId: string;
  areaId: string;
  audience: string;
  from: string;
  through: string;
}

export function valuesOf(form: FormData): CampaignFormValues {
  const get = (name: string) => String(form.get(name) ?? '').trim();
  return {
    titleSv: get('title_sv'),
    titleEn: get('title_en'),
    slug: get('slug').toLowerCase(),
    surveyVersionId: get('surveyVersionId'),
    areaId: get('areaId'),
    audience: get('audience') || 'residents',
    from: get('from'),
    through: get('through'),
  };
}

/** The form as the API wants it; a period that is no pair of dates is named like the API names fields. */
export function bodyOf(v: CampaignFormValues): CreateCampaignBody | { path: string; message: string } {
  const period = periodFromDays(v.from, v.through);
  if (!period) return { path: 'body.opensAt', message: 'give both dates' };
  return {
    surveyVersionId: v.surveyVersionId,
    slug: v.slug,
    title: { sv: v.titleSv, ...(v.titleEn ? { en: v.titleEn } : {}) },
    areaId: v.areaId || null,
    audience: v.audience as CreateCampaignBody['audience'],
    ...period,
  };
}
