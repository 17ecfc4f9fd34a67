import { categoryLabel, type ActivityBody, type ActivityStatus, type CategoryCode, type Parties } from '@lagesbild/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../server/src/db/schema';
import { pledgeHotspots } from '../../server/src/features/pledges/pledge-export';
import { addActivity, addActivityUpdate, changeStatus, createPledge, updatePledge, type Actor } from '../../server/src/features/pledges/pledge-service';
import { saveSnapshot } from '../../server/src/features/problem-picture/snapshot-service';

/**
 * Demo pledges, made through the same service as the pages (so the audit log has them too):
 * last period's pledge — from a lägesbild of the twelve months to 31 March, signed in April,
 * with follow-up updates through the year — and a draft for the next year from the demo's
 * current lägesbild. The public page /p/varnamo then has a signed pledge and its follow-up.
 */

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

interface Template {
  what: string;
  who: ActivityBody['who'];
  places: string[];
  districts: string[];
  when: string;
  indicator: string;
  target: string;
  /** The note of each follow-up update, in order, with its status. */
  progress: [ActivityStatus, string][];
}

const TEMPLATES: Partial<Record<CategoryCode, Template>> = {
  lighting: {
    what: 'Byta trasiga armaturer och komplettera belysningen i gångtunneln i Gröndal och längs gångvägen till resecentrum',
    who: { kind: 'municipality', name: 'Gatuavdelningen' },
    places: ['Gångtunneln i Gröndal', 'Gångvägen till resecentrum'],
    districts: ['Gröndal'],
    when: 'Klart före oktober, då det mörknar tidigt',
    indicator: 'Andel i Gröndal som känner sig otrygga ute ensamma sent en kväll',
    target: 'Minska med minst 5 procentenheter',
    progress: [
      ['ongoing', 'Inventering klar, nya armaturer beställda.'],
      ['done', 'Belysningen i tunneln och längs gångvägen är utbytt.'],
    ],
  },
  drugs: {
    what: 'Gemensamma trygghetsrundor med polis och fältassistenter vid resecentrum och i Stadsparken',
    who: { kind: 'police', name: 'Lokalpolisområde Värnamo' },
    places: ['Värnamo resecentrum', 'Stadsparken'],
    districts: ['Centrum'],
    when: 'Fredag och lördag kl. 20–01, april–september',
    indicator: 'Antal genomförda rundor; andel som anser att narkotika är ett stort problem',
    target: 'Minst 40 rundor; lägre andel än vid utgångsläget',
    progress: [
      ['ongoing', '12 rundor genomförda under maj och juni.'],
      ['ongoing', '31 rundor genomförda, fler kontakter med unga vid resecentrum.'],
    ],
  },
  youth_gangs: {
    what: 'Kvällsöppen fritidsgård och föräldravandringar i Nyhem',
    who: { kind: 'municipality', name: 'Fritidsförvaltningen' },
    places: ['Nyhems centrum'],
    districts: ['Nyhem'],
    when: 'Fredagar och lördagar hela året, föräldravandringar varannan helg',
    indicator: 'Antal kvällar med öppen fritidsgård och antal vandringar',
    target: '80 kvällar och 25 vandringar',
    progress: [
      ['ongoing', 'Fritidsgården har kvällsöppet sedan maj.'],
      ['ongoing', 'Föräldravandringarna har kommit igång med 14 vandrare.'],
    ],
  },
  vandalism_graffiti: {
    what: 'Sanera klotter och skadegörelse inom 48 timmar från anmälan',
    who: { kind: 'other', name: 'Bostadsbolaget i Värnamo' },
    places: ['Stora torget', 'Gröndalsskolan'],
    districts: [],
    when: 'Löpande, hela året',
    indicator: 'Andel sanerat inom 48 timmar',
    target: 'Minst 90 %',
    progress: [['ongoing', 'Rutin för anmälan via EST-mötet på plats.']],
  },
  disorder: {
    what: 'Ordningsvakter och trygghetsvärdar i centrum under helgkvällar',
    who: { kind: 'municipality', name: 'Kommunledningsförvaltningen' },
    places: ['Stora torget', 'P-huset i centrum'],
    districts: ['Centrum'],
    when: 'Fredag och lördag kl. 21–03',
    indicator: 'Antal rapporterade ordningsstörningar i centrum',
    target: 'Färre än under utgångsåret',
    progress: [['ongoing', 'Avtal med bevakningsföretag klart, start i juni.']],
  },
  littering: {
    what: 'Fler papperskorgar, tätare tömning och städdagar med skolorna i Stadsparken och kring resecentrum',
    who: { kind: 'municipality', name: 'Park- och gatuenheten' },
    places: ['Stadsparken', 'Värnamo resecentrum'],
    districts: ['Centrum'],
    when: 'Tömning dagligen maj–september; två städdagar per år',
    indicator: 'Andel som anser att nedskräpning är ett stort problem; antal EST-rapporter om nedskräpning',
    target: 'Lägre andel än vid utgångsläget; en fjärdedel färre rapporter',
    progress: [
      ['ongoing', 'Tolv nya papperskorgar uppsatta, tömning varje dag sedan maj.'],
      ['done', 'Städdagar genomförda med tre skolor.'],
    ],
  },
  theft_burglary: {
    what: 'Grannsamverkan mot inbrott i villaområdena och informationsträffar om stöldskydd',
    who: { kind: 'police', name: 'Kommunpolisen' },
    places: ['Villaområdet i Mossleberg'],
    districts: ['Mossleberg'],
    when: 'Två träffar under våren och en under hösten',
    indicator: 'Antal hushåll med i grannsamverkan; antal anmälda bostadsinbrott',
    target: '150 nya hushåll; färre inbrott än under utgångsåret',
    progress: [['ongoing', 'Första träffen hölls med 60 deltagare.']],
  },
  traffic: {
    what: 'Hastighetskontroller och tillfälliga farthinder vid skolor',
    who: { kind: 'police', name: 'Trafikpolisen' },
    places: ['Gröndalsskolan'],
    districts: ['Gröndal'],
    when: 'Vid skolstart i augusti och januari',
    indicator: 'Andel som anser att trafik och fortkörning är ett stort problem',
    target: 'Lägre andel än vid utgångsläget',
    progress: [['done', 'Kontroller genomförda vecka 34 och 35.']],
  },
};

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

async function userId(db: Kysely<Database>, email: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
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

async function addTemplateActivities(db: Kysely<Database>, actor: Actor, pledgeId: string, collaborationId: string, categories: CategoryCode[], year: number) {
  const areas = await db.selectFrom('area').select(['id', 'name']).where('collaboration_id', '=', collaborationId).execute();
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

export async function seedDemoPledges(db: Kysely<Database>, collaborationId: string, today = new Date()): Promise<{ signedId: string; draftId: string }> {
  const coordinator: Actor = { userId: await userId(db, 'samordnare@demo.lagesbild.se'), collaborationId };
  const official: Actor = { userId: await userId(db, 'ordforande@demo.lagesbild.se'), collaborationId };
  const current = await db
    .selectFrom('lagesbild_snapshot')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();

  // Last period's pledge: the lägesbild of the twelve months to 31 March, signed in mid-April.
  const signedYear = new Date(today.getTime() - 183 * DAY).getUTCFullYear();
  const baseline = await saveSnapshot(db, coordinator, { title: `Lägesbild inför medborgarlöftet ${signedYear}`, to: `${signedYear}-03-31` });
  // It was made then: dated so, it sorts below today's lägesbild.
  await sql`update lagesbild_snapshot set created_at = ${new Date(`${signedYear}-04-01T09:00:00Z`)} where id = ${baseline.id}`.execute(db);
  const parties: Parties = {
    municipality: { name: 'Värnamo kommun', signatory: 'Kommunstyrelsens ordförande' },
    police: { name: 'Lokalpolisområde Värnamo', signatory: 'Lokalpolisområdeschef' },
    others: [{ name: 'Bostadsbolaget i Värnamo', signatory: 'Vd' }],
  };
  const signedCategories = await topCategories(db, baseline.id, 3);
  const signed = await createPledge(db, coordinator, { snapshotId: baseline.id, year: signedYear, categories: signedCategories }, 'sv');
  await updatePledge(db, coordinator, signed.id, { parties }, 'sv');
  const activities = await addTemplateActivities(db, coordinator, signed.id, collaborationId, signedCategories, signedYear);
  await changeStatus(db, official, signed.id, { status: 'agreed' }, 'sv');
  const signedOn = `${signedYear}-04-15`;
  await changeStatus(db, official, signed.id, { status: 'signed', date: signedOn }, 'sv');
  const last = [isoDay(today), `${signedYear}-12-31`].sort()[0]!;
  for (const activity of activities) {
    for (const [i, [status, note]] of activity.progress.entries()) {
      const on = [isoDay(new Date(new Date(`${signedOn}T12:00:00Z`).getTime() + (35 + i * 90) * DAY)), last].sort()[0]!;
      await addActivityUpdate(db, coordinator, signed.id, activity.id, { on, status, note });
    }
  }

  // Next year's draft, from the demo's current lägesbild.
  const draftCategories = await topCategories(db, current.id, 3);
  const draft = await createPledge(db, coordinator, { snapshotId: current.id, year: signedYear + 1, categories: draftCategories }, 'sv');
  await updatePledge(db, coordinator, draft.id, { parties }, 'sv');
  await addTemplateActivities(db, coordinator, draft.id, collaborationId, draftCategories.slice(0, 1), signedYear + 1);
  return { signedId: signed.id, draftId: draft.id };
}
