import type { AreaGeometry } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { districtShapes, findArea, outline } from '../areas/area-service';
import { surveyCampaignBySlug, type SurveyCampaignRow } from '../campaigns/campaign-service';
import { placeMarkers } from '../places/place-service';

export type CampaignRow = SurveyCampaignRow;

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
    placeMarkers(db, campaign.collaboration_id),
  ]);
  return { campaign, area, districts, places };
}

export async function loadCampaign(db: Kysely<Database>, slug: string): Promise<CampaignRow> {
  const campaign = await surveyCampaignBySlug(db, slug);
  if (!campaign) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', `there is no survey called "${slug}"`);
  return campaign;
}

/** The geometry answers must fall inside: the campaign's area, else the collaboration's boundary or districts. */
export async function studyArea(db: Kysely<Database>, campaign: CampaignRow): Promise<AreaGeometry[]> {
  const area = campaign.area_id ? await findArea(db, campaign.collaboration_id, campaign.area_id) : undefined;
  if (area) return [area.geometry];
  return outline(db, campaign.collaboration_id);
}
