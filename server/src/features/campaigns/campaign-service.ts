import type { CampaignList, CampaignStatus, CampaignSummary, CreateCampaignBody, UpdateCampaignBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import QRCode from 'qrcode';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { areaExists, listAreasBoundaryFirst } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import * as campaigns from './campaign-repository';
import { isUniqueViolation } from '../../lib/pg-errors';

export type { SurveyCampaignRow } from './campaign-repository';

/** The campaign behind a public survey link, with the survey version it asks and its collaboration's name. */
export const surveyCampaignBySlug = campaigns.findSurveyCampaignBySlug;

/** The same, by id within one collaboration (paper answers typed in by staff). */
export const surveyCampaignIn = campaigns.findSurveyCampaign;

export function statusOf(opensAt: Date, closesAt: Date, now: Date): CampaignStatus {
  if (now < opensAt) return 'upcoming';
  return now < closesAt ? 'open' : 'closed';
}

export function publicLink(baseUrl: string, slug: string): string {
  return `${baseUrl}/s/${slug}`;
}

export function toCampaignSummary(row: campaigns.CampaignRow, baseUrl: string, now = new Date()): CampaignSummary {
  const link = publicLink(baseUrl, row.slug);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: statusOf(row.opens_at, row.closes_at, now),
    opensAt: row.opens_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    audience: row.audience,
    area: row.area_id && row.area_name ? { id: row.area_id, name: row.area_name } : null,
    survey: { id: row.survey_id, name: row.survey_name, versionId: row.survey_version_id, version: row.version },
    responses: { accepted: row.accepted, flagged: row.flagged, discarded: row.discarded, paper: row.paper },
    pendingTexts: row.pending_texts,
    links: { public: link, kiosk: `${link}?kiosk`, results: `${link}/results` },
  };
}

export async function listCampaigns(db: Kysely<Database>, collaborationId: string, baseUrl: string): Promise<CampaignList> {
  const [rows, versions, areas] = await Promise.all([
    campaigns.listCampaigns(db, collaborationId),
    campaigns.publishedVersions(db, collaborationId),
    listAreasBoundaryFirst(db, collaborationId),
  ]);
  const now = new Date();
  return {
    campaigns: rows.map((r) => toCampaignSummary(r, baseUrl, now)),
    choices: {
      surveyVersions: versions.map((v) => ({ id: v.id, surveyId: v.survey_id, surveyName: v.survey_name, version: v.version })),
      areas: areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind })),
    },
  };
}

export async function campaignOrNotFound(db: Kysely<Database>, collaborationId: string, id: string): Promise<campaigns.CampaignRow> {
  const row = await campaigns.findCampaign(db, collaborationId, id);
  if (!row) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', 'no such campaign in your collaboration');
  return row;
}

/** The rules a campaign keeps, whether new or changed: a published version, an own area, a real period, a free slug. */
async function checkedValues(
  db: Kysely<Database>,
  collaborationId: string,
  v: campaigns.CampaignValues,
  existing?: campaigns.CampaignRow,
): Promise<campaigns.CampaignValues> {
  const version = await campaigns.findVersion(db, collaborationId, v.surveyVersionId);
  if (!version) {
    throw new HttpError(422, 'UNKNOWN_SURVEY_VERSION', 'the survey version is not one of your collaboration', {
      details: [{ path: 'body.surveyVersionId', message: 'unknown survey version' }],
    });
  }
  if (version.status !== 'published') {
    throw new HttpError(422, 'SURVEY_VERSION_NOT_PUBLISHED', `publish version ${version.version} of the survey before a campaign uses it`, {
      details: [{ path: 'body.surveyVersionId', message: 'is a draft' }],
    });
  }
  if (existing && existing.survey_id !== version.survey_id && existing.accepted + existing.flagged + existing.discarded > 0) {
    throw new HttpError(
      409,
      'CAMPAIGN_HAS_ANSWERS',
      'a campaign with answers can move to another version of its survey, not to another survey',
      {
        details: [{ path: 'body.surveyVersionId', message: 'belongs to another survey' }],
      },
    );
  }
  if (v.areaId && !(await areaExists(db, collaborationId, v.areaId))) {
    throw new HttpError(422, 'UNKNOWN_AREA', 'the area is not one of your collaboration', {
      details: [{ path: 'body.areaId', message: 'unknown area' }],
    });
  }
  if (v.closesAt.getTime() <= v.opensAt.getTime()) {
    throw new HttpError(422, 'INVALID_PERIOD', 'the campaign must close after it opens', {
      details: [{ path: 'body.closesAt', message: 'must be after opensAt' }],
    });
  }
  if (await campaigns.slugTaken(db, v.slug, existing?.id)) {
    throw new HttpError(409, 'SLUG_TAKEN', `the link /s/${v.slug} is already in use; choose another`, {
      details: [{ path: 'body.slug', message: 'already in use' }],
    });
  }
  return { ...v, title: { sv: v.title.sv.trim(), ...(v.title.en?.trim() ? { en: v.title.en.trim() } : {}) } };
}

/** Two coordinators taking the same slug at once: the unique index decides, and the loser hears 409. */
async function slugRace<T>(slug: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpError(409, 'SLUG_TAKEN', `the link /s/${slug} is already in use; choose another`, {
        details: [{ path: 'body.slug', message: 'already in use' }],
      });
    }
    throw error;
  }
}

export async function createCampaign(
  db: Kysely<Database>,
  actor: Actor,
  body: CreateCampaignBody,
  baseUrl: string,
): Promise<CampaignSummary> {
  const id = await slugRace(body.slug, () =>
    db.transaction().execute(async (trx) => {
      const values = await checkedValues(trx, actor.collaborationId, {
        ...body,
        opensAt: new Date(body.opensAt),
        closesAt: new Date(body.closesAt),
      });
      const campaignId = await campaigns.insertCampaign(trx, actor.collaborationId, values);
      await recordAudit(trx, {
        collaborationId: actor.collaborationId,
        actorUserId: actor.userId,
        action: 'campaign.create',
        targetType: 'campaign',
        targetId: campaignId,
        details: { surveyVersionId: values.surveyVersionId, audience: values.audience, areaId: values.areaId },
      });
      return campaignId;
    }),
  );
  return toCampaignSummary(await campaignOrNotFound(db, actor.collaborationId, id), baseUrl);
}

/** Changes a campaign; returns it and the slugs whose cached contexts are now stale. */
export async function updateCampaign(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: UpdateCampaignBody,
  baseUrl: string,
): Promise<{ campaign: CampaignSummary; staleSlugs: string[] }> {
  const before = await slugRace(body.slug ?? '', () =>
    db.transaction().execute(async (trx) => {
      const existing = await campaignOrNotFound(trx, actor.collaborationId, id);
      const values = await checkedValues(
        trx,
        actor.collaborationId,
        {
          surveyVersionId: body.surveyVersionId ?? existing.survey_version_id,
          slug: body.slug ?? existing.slug,
          title: body.title ?? existing.title,
          areaId: body.areaId === undefined ? existing.area_id : body.areaId,
          audience: body.audience ?? existing.audience,
          opensAt: body.opensAt ? new Date(body.opensAt) : existing.opens_at,
          closesAt: body.closesAt ? new Date(body.closesAt) : existing.closes_at,
        },
        existing,
      );
      await campaigns.updateCampaign(trx, actor.collaborationId, id, values);
      await recordAudit(trx, {
        collaborationId: actor.collaborationId,
        actorUserId: actor.userId,
        action: 'campaign.update',
        targetType: 'campaign',
        targetId: id,
        details: { fields: Object.keys(body).sort().join(',') },
      });
      return existing;
    }),
  );
  const after = await campaignOrNotFound(db, actor.collaborationId, id);
  return { campaign: toCampaignSummary(after, baseUrl), staleSlugs: [...new Set([before.slug, after.slug])] };
}

/** The campaign's public link as a QR code: vector for print, PNG for everything else. */
export async function qrCode(link: string, format: 'svg' | 'png'): Promise<string | Buffer> {
  // Level M survives a crease or a smudge on a printed poster and keeps the code coarse.
  if (format === 'svg')
    return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
  return QRCode.toBuffer(link, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 1024 });
}
