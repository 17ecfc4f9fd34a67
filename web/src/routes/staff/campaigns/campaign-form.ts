import type { CreateCampaignBody } from '@lagesbild/shared';
import { text } from '$lib/server/form';
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
  return {
    titleSv: text(form, 'title_sv'),
    titleEn: text(form, 'title_en'),
    slug: text(form, 'slug').toLowerCase(),
    surveyVersionId: text(form, 'surveyVersionId'),
    areaId: text(form, 'areaId'),
    audience: text(form, 'audience') || 'residents',
    from: text(form, 'from'),
    through: text(form, 'through'),
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
