import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

function campaignWithSurvey(db: Kysely<Database>) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('survey_version as v', 'v.id', 'c.survey_version_id')
    .innerJoin('collaboration as k', 'k.id', 'c.collaboration_id')
    .leftJoin('area as a', 'a.id', 'c.area_id')
    .select([
      'c.id',
      'c.collaboration_id',
      'c.survey_version_id',
      'c.slug',
      'c.title',
      'c.audience',
      'c.opens_at',
      'c.closes_at',
      'v.version',
      'v.questions',
      'k.name as collaboration_name',
      'a.geometry as area_geometry',
      'a.bbox as area_bbox',
    ]);
}

export async function findCampaignBySlug(db: Kysely<Database>, slug: string) {
  return campaignWithSurvey(db).where('c.slug', '=', slug).executeTakeFirst();
}

/** The same campaign, found by id within one collaboration (staff routes). */
export async function findCampaignInCollaboration(db: Kysely<Database>, collaborationId: string, id: string) {
  return campaignWithSurvey(db).where('c.id', '=', id).where('c.collaboration_id', '=', collaborationId).executeTakeFirst();
}

export async function listPlaces(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('named_place')
    .select(['id', 'name', 'lat', 'lon'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy('name')
    .execute();
}
