import { sql, type Kysely } from 'kysely';
import type { LocalizedText } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

export interface CampaignRow {
  id: string;
  slug: string;
  title: LocalizedText;
  audience: 'residents' | 'staff';
  opens_at: Date;
  closes_at: Date;
  area_id: string | null;
  area_name: string | null;
  survey_id: string;
  survey_name: string;
  survey_version_id: string;
  version: number;
  accepted: number;
  flagged: number;
  discarded: number;
  paper: number;
  pending_texts: number;
}

function campaigns(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('survey_version as v', 'v.id', 'c.survey_version_id')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .leftJoin('area as a', 'a.id', 'c.area_id')
    .select([
      'c.id',
      'c.slug',
      'c.title',
      'c.audience',
      'c.opens_at',
      'c.closes_at',
      'c.area_id',
      'a.name as area_name',
      's.id as survey_id',
      's.name as survey_name',
      'c.survey_version_id',
      'v.version',
      sql<number>`(select count(*)::int from survey_response r where r.campaign_id = c.id and r.status = 'accepted')`.as('accepted'),
      sql<number>`(select count(*)::int from survey_response r where r.campaign_id = c.id and r.status = 'flagged')`.as('flagged'),
      sql<number>`(select count(*)::int from survey_response r where r.campaign_id = c.id and r.status = 'discarded')`.as('discarded'),
      sql<number>`(select count(*)::int from survey_response r where r.campaign_id = c.id and r.channel = 'paper')`.as('paper'),
      sql<number>`(select count(*)::int from free_text f join survey_response r on r.id = f.response_id
                    where r.campaign_id = c.id and f.status = 'pending')`.as('pending_texts'),
    ])
    .where('c.collaboration_id', '=', collaborationId);
}

export async function listCampaigns(db: Kysely<Database>, collaborationId: string): Promise<CampaignRow[]> {
  return campaigns(db, collaborationId).orderBy('c.opens_at', 'desc').orderBy('c.slug').execute();
}

export async function findCampaign(db: Kysely<Database>, collaborationId: string, id: string): Promise<CampaignRow | undefined> {
  return campaigns(db, collaborationId).where('c.id', '=', id).executeTakeFirst();
}

/** A campaign with the survey version its residents answer and its collaboration's name. */
function surveyCampaigns(db: Kysely<Database>) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('survey_version as v', 'v.id', 'c.survey_version_id')
    .innerJoin('collaboration as k', 'k.id', 'c.collaboration_id')
    .select([
      'c.id',
      'c.collaboration_id',
      'c.survey_version_id',
      'c.area_id',
      'c.slug',
      'c.title',
      'c.audience',
      'c.opens_at',
      'c.closes_at',
      'v.version',
      'v.questions',
      'k.name as collaboration_name',
    ]);
}

export type SurveyCampaignRow = NonNullable<Awaited<ReturnType<ReturnType<typeof surveyCampaigns>['executeTakeFirst']>>>;

export async function findSurveyCampaignBySlug(db: Kysely<Database>, slug: string): Promise<SurveyCampaignRow | undefined> {
  return surveyCampaigns(db).where('c.slug', '=', slug).executeTakeFirst();
}

export async function findSurveyCampaign(
  db: Kysely<Database>,
  collaborationId: string,
  id: string,
): Promise<SurveyCampaignRow | undefined> {
  return surveyCampaigns(db).where('c.id', '=', id).where('c.collaboration_id', '=', collaborationId).executeTakeFirst();
}

/** A survey version of the collaboration (through its survey). */
export async function findVersion(db: Kysely<Database>, collaborationId: string, versionId: string) {
  return db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['v.id', 'v.survey_id', 'v.version', 'v.status'])
    .where('s.collaboration_id', '=', collaborationId)
    .where('v.id', '=', versionId)
    .executeTakeFirst();
}

export async function publishedVersions(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['v.id', 'v.survey_id', 's.name as survey_name', 'v.version'])
    .where('s.collaboration_id', '=', collaborationId)
    .where('v.status', '=', 'published')
    .orderBy('s.name')
    .orderBy('v.version', 'desc')
    .execute();
}

/** Slugs are unique across every collaboration: they are public links. */
export async function slugTaken(db: Kysely<Database>, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('campaign').select('id').where('slug', '=', slug);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface CampaignValues {
  surveyVersionId: string;
  slug: string;
  title: LocalizedText;
  areaId: string | null;
  audience: 'residents' | 'staff';
  opensAt: Date;
  closesAt: Date;
}

export async function insertCampaign(db: Kysely<Database>, collaborationId: string, v: CampaignValues): Promise<string> {
  const row = await db
    .insertInto('campaign')
    .values({
      collaboration_id: collaborationId,
      survey_version_id: v.surveyVersionId,
      slug: v.slug,
      title: JSON.stringify(v.title),
      area_id: v.areaId,
      audience: v.audience,
      opens_at: v.opensAt,
      closes_at: v.closesAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCampaign(db: Kysely<Database>, collaborationId: string, id: string, v: CampaignValues): Promise<void> {
  await db
    .updateTable('campaign')
    .set({
      survey_version_id: v.surveyVersionId,
      slug: v.slug,
      title: JSON.stringify(v.title),
      area_id: v.areaId,
      audience: v.audience,
      opens_at: v.opensAt,
      closes_at: v.closesAt,
    })
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', id)
    .execute();
}
