import { activityStatuses, categoryCodes, categoryLabel, Responsible, type CategoryCode, type Parties } from '@lagesbild/shared';
import { sql, type Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { areaShapes } from '../areas/area-service';
import { pledgeHotspots } from '../pledges/pledge-export';
import { addActivity, addActivityUpdate } from '../pledges/pledge-activity-service';
import { createPledge, updatePledge } from '../pledges/pledge-draft-service';
import { changeStatus } from '../pledges/pledge-lifecycle-service';
import { saveSnapshot } from '../problem-picture/snapshot-service';
import { DEMO_COORDINATOR_EMAIL, DEMO_OFFICIAL_EMAIL, demoStaffId } from './demo-staff';
import templates from './pledge-templates.json' with { type: 'json' };

/**
 * Demo pledges, made through the same service as the pages (so the audit log has them too):
 * last period's pledge — from a lägesbild of the twelve months to 31 March, signed in April,
 * with follow-up updates through the year — and a draft for the next year from the demo's
 * current lägesbild. The public page /p/varnamo then has a signed pledge and its follow-up.
 */

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

const Template = Type.Object(
  {
    what: Type.String(),
    who: Responsible,
    /** Named places, as free text. */
    places: Type.Array(Type.String()),
    /** District names. */
    districts: Type.Array(Type.String()),
    when: Type.String(),
    indicator: Type.String(),
    target: Type.String(),
    /** The note of each follow-up update, in order, with its status. */
    progress: Type.Array(Type.Tuple([Type.Enum(activityStatuses), Type.String()])),
  },
  { additionalProperties: false },
);
type Template = Static<typeof Template>;
const Templates = Type.Partial(Type.Record(Type.Enum(categoryCodes), Template), { additionalProperties: false });

/** The activities' texts are demo content, kept as data beside this file and checked on load. */
function checkedTemplates(data: unknown): Partial<Record<CategoryCode, Template>> {
  Value.Assert(Templates, data);
  // TypeBox types a record over an enum as `object`; the assertion above checked keys and values.
  return data;
}
const TEMPLATES = checkedTemplates(templates);

function template(category: CategoryCode, label: string): Template {
  return (
    TEMPLATES[category] ?? {
      what: `Gemensam trygghetsvandring och åtgärdsplan för ${label.toLowerCase()}`,
      who: { kind: 'municipality', name: 'Brottsförebyggande rådet' },
      places: [],
      districts: [],
      when: 'Våren',
      indicator: 'Genomförda åtgärder enligt planen',
      target: 'Alla åtgärder genomförda',
      progress: [['ongoing', 'Vandringen är genomförd, åtgärdslistan klar.']],
    }
  );
}

/** The top problems of a snapshot (leaving out "other"). */
async function topCategories(db: Kysely<Database>, snapshotId: string, count: number): Promise<CategoryCode[]> {
  const row = await db.selectFrom('lagesbild_snapshot').select('payload').where('id', '=', snapshotId).executeTakeFirstOrThrow();
  const problems = (row.payload as { sv: { problems: { category: CategoryCode; rank: number }[] } }).sv.problems;
  return [...problems]
    .sort((a, b) => a.rank - b.rank)
    .map((p) => p.category)
    .filter((c) => c !== 'other')
    .slice(0, count);
}

async function addTemplateActivities(
  db: Kysely<Database>,
  actor: Actor,
  pledgeId: string,
  collaborationId: string,
  categories: CategoryCode[],
  year: number,
) {
  const areas = await areaShapes(db, collaborationId);
  const hot = await pledgeHotspots(db, collaborationId, pledgeId);
  const created: { id: string; progress: Template['progress'] }[] = [];
  for (const [i, category] of categories.entries()) {
    const t = template(category, categoryLabel(category, 'sv'));
    const activity = await addActivity(db, actor, pledgeId, {
      problemCategory: category,
      what: t.what,
      who: t.who,
      where: {
        areaIds: areas.filter((a) => t.districts.includes(a.name)).map((a) => a.id),
        // The first activity points at the two hottest cells of the pledge's map.
        cellIds: i === 0 ? hot.cells.slice(0, 2).map((c) => c.cellId) : [],
        places: t.places,
      },
      when: t.when,
      indicator: t.indicator,
      target: t.target,
      followUpOn: `${year}-12-15`,
    });
    created.push({ id: activity.id, progress: t.progress });
  }
  return created;
}

const PARTIES: Parties = {
  municipality: { name: 'Värnamo kommun', signatory: 'Kommunstyrelsens ordförande' },
  police: { name: 'Lokalpolisområde Värnamo', signatory: 'Lokalpolisområdeschef' },
  others: [{ name: 'Bostadsbolaget i Värnamo', signatory: 'Vd' }],
};

/**
 * A draft pledge for `year` on a snapshot's three top problems, with the demo's parties and a
 * template activity for each of the first `activityCount` problems.
 */
async function pledgeFromSnapshot(db: Kysely<Database>, coordinator: Actor, snapshotId: string, year: number, activityCount: number) {
  const categories = await topCategories(db, snapshotId, 3);
  const pledge = await createPledge(db, coordinator, { snapshotId, year, categories }, 'sv');
  await updatePledge(db, coordinator, pledge.id, { parties: PARTIES }, 'sv');
  const activities = await addTemplateActivities(
    db,
    coordinator,
    pledge.id,
    coordinator.collaborationId,
    categories.slice(0, activityCount),
    year,
  );
  return { id: pledge.id, activities };
}

export async function seedDemoPledges(
  db: Kysely<Database>,
  collaborationId: string,
  today = new Date(),
): Promise<{ signedId: string; draftId: string }> {
  const coordinator: Actor = { userId: await demoStaffId(db, DEMO_COORDINATOR_EMAIL), collaborationId };
  const official: Actor = { userId: await demoStaffId(db, DEMO_OFFICIAL_EMAIL), collaborationId };
  const current = await db
    .selectFrom('lagesbild_snapshot')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

  // Last period's pledge: the lägesbild of the twelve months to 31 March, signed in mid-April.
  const signedYear = new Date(today.getTime() - 183 * DAY).getUTCFullYear();
  const baseline = await saveSnapshot(db, coordinator, {
    title: `Lägesbild inför medborgarlöftet ${signedYear}`,
    to: `${signedYear}-03-31`,
  });
  // It was made then: dated so, it sorts below today's lägesbild.
  await sql`update lagesbild_snapshot set created_at = ${new Date(`${signedYear}-04-01T09:00:00Z`)} where id = ${baseline.id}`.execute(db);
  const signed = await pledgeFromSnapshot(db, coordinator, baseline.id, signedYear, 3);
  await changeStatus(db, official, signed.id, { status: 'agreed' }, 'sv');
  const signedOn = `${signedYear}-04-15`;
  await changeStatus(db, official, signed.id, { status: 'signed', date: signedOn }, 'sv');
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const last = earlier(isoDay(today), `${signedYear}-12-31`);
  for (const activity of signed.activities) {
    for (const [i, [status, note]] of activity.progress.entries()) {
      const on = earlier(isoDay(new Date(new Date(`${signedOn}T12:00:00Z`).getTime() + (35 + i * 90) * DAY)), last);
      await addActivityUpdate(db, coordinator, signed.id, activity.id, { on, status, note });
    }
  }

  // Next year's draft, from the demo's current lägesbild.
  const draft = await pledgeFromSnapshot(db, coordinator, current.id, signedYear + 1, 1);
  return { signedId: signed.id, draftId: draft.id };
}
