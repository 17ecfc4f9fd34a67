import { categoryLabel, type PublicPledges } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { areaShapes } from '../areas/area-service';
import * as repo from './pledge-repository';
import { surveyFollowUp } from './pledge-results';
import type { StoredEvidence } from './pledge-service';

/**
 * What residents see: the signed pledges in force, their activities with the latest follow-up
 * status (and its date; the staff's notes stay internal), and the survey questions at baseline
 * and in the pledge year under disclosure control. Only aggregates, no resident's free text.
 */
export async function publicPledges(db: Kysely<Database>, slug: string, locale: 'sv' | 'en'): Promise<PublicPledges> {
  const collaboration = await repo.findCollaborationBySlug(db, slug);
  if (!collaboration) throw new HttpError(404, 'COLLABORATION_NOT_FOUND', `there is no collaboration called "${slug}"`);
  const rows = await repo.publishedPledges(db, collaboration.id);
  const ids = rows.map((r) => r.id);
  const [problems, activities, areas] = await Promise.all([
    repo.listProblems(db, ids),
    repo.listActivities(db, ids),
    areaShapes(db, collaboration.id),
  ]);
  const updates = await repo.listUpdates(
    db,
    activities.map((a) => a.id),
  );
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  const k = collaboration.disclosure_threshold;

  const pledges = await Promise.all(
    rows.map(async (row) => {
      const own = problems.filter((p) => p.pledge_id === row.id);
      const parties = row.parties as { municipality: { name: string }; police: { name: string }; others: { name: string }[] };
      return {
        id: row.id,
        year: row.year,
        title: row.title,
        status: row.status as 'signed' | 'followed_up',
        version: row.version,
        signedOn: row.signed_at ? row.signed_at.toISOString().slice(0, 10) : null,
        parties: [parties.municipality.name, parties.police.name, ...parties.others.map((p) => p.name)],
        background: row.background,
        problems: own.map((p) => {
          const entry = (p.evidence as StoredEvidence)[locale];
          return {
            category: p.category,
            label: categoryLabel(p.category, locale),
            explanation: entry.explanation,
            surveyShare: entry.survey.share,
            reports: entry.reports.total,
            hotspots: entry.hotspots,
          };
        }),
        activities: activities
          .filter((a) => a.pledge_id === row.id)
          .map((a) => {
            const latest = updates.filter((u) => u.activity_id === a.id).at(-1);
            return {
              id: a.id,
              problem: a.problem_category ? categoryLabel(a.problem_category, locale) : null,
              what: a.what,
              who: { kind: a.responsible_kind, name: a.responsible_name },
              where: [...a.area_ids.flatMap((id) => areaName.get(id) ?? []), ...a.places],
              hotspotCells: a.cell_ids.length,
              when: a.timing,
              indicator: a.indicator,
              target: a.target,
              followUpOn: a.follow_up_on,
              status: latest?.status ?? 'planned',
              statusOn: latest?.happened_on ?? null,
            };
          }),
        results: await surveyFollowUp(
          db,
          collaboration.id,
          row,
          own.map((p) => p.category),
          k,
          locale,
        ),
      };
    }),
  );
  return { collaboration: { slug: collaboration.slug, name: collaboration.name }, threshold: k, pledges };
}
