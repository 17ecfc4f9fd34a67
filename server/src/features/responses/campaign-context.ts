import type { AreaGeometry } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { districtShapes, outline } from '../areas/area-service';
import { findCampaignBySlug, listPlaces } from './campaign-repository';

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaignBySlug>>>;

/** Everything a submission needs to know about its campaign; cached briefly per app instance. */
export interface CampaignContext {
  campaign: CampaignRow;
  /** Answers must fall inside one of these. */
  area: AreaGeometry[];
  /** Districts that points are assigned to. */
  districts: { id: string; geometry: AreaGeometry; bbox: number[] }[];
  places: { id: string; name: string; lat: number; lon: number }[];
}

export async function loadCampaignContext(db: Kysely<Database>, slug: string): Promise<CampaignContext> {
  return contextOf(db, await loadCampaign(db, slug));
}

export async function contextOf(db: Kysely<Database>, campaign: CampaignRow): Promise<CampaignContext> {
  const [area, districts, places] = await Promise.all([
    studyArea(db, campaign),
    districtShapes(db, campaign.collaboration_id),
    listPlaces(db, campaign.collaboration_id),
  ]);
  return { campaign, area, districts, places };
}

export async function loadCampaign(db: Kysely<Database>, slug: string): Promise<CampaignRow> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', `there is no survey called "${slug}"`);
  return campaign;
}

/** The geometry answers must fall inside: the campaign's area, else the collaboration's boundary or districts. */
export async function studyArea(db: Kysely<Database>, campaign: CampaignRow): Promise<AreaGeometry[]> {
  if (campaign.area_geometry) return [campaign.area_geometry as AreaGeometry];
  return outline(db, campaign.collaboration_id);
}
