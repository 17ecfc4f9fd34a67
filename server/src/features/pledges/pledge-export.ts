import type { CategoryCode, Pledge, PledgeHotspots, ProblemPicture } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { areaShapes } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import { exactPoints } from '../points/point-service';
import { findSnapshotRow } from '../problem-picture/snapshot-service';
import { pledgeDocx, type PledgeDocumentInput } from './pledge-docx';
import type { ChartRow } from './pledge-docx-tables';
import { pledgeHtml } from './pledge-html';
import {
  PLEDGE_CELL_SIZE,
  analyseHotspots,
  hotCells,
  renderHotspotMap,
  renderScoreAxis,
  renderScoreBar,
  type HotspotAnalysis,
} from './pledge-map';
import { collaborationInfo } from './pledge-repository';
import { surveyFollowUp } from './pledge-results';
import { getPledge } from './pledge-service';

type Db = Kysely<Database>;
const DAY = 86_400_000;

/**
 * The hot spots of the pledge's problems in its evidence period: every exact point of those
 * categories (as the problem picture counts hot spots), Gi* on 250 m cells, without police-only
 * records: a pledge and its map are shared with everyone, so nothing in them rests on records
 * only the police may see. Runs in the request: a year of one collaboration's points is a few
 * thousand, milliseconds of work.
 */
export async function pledgeAnalysis(
  db: Db,
  collaborationId: string,
  pledge: Pick<Pledge, 'baseline' | 'problems'>,
): Promise<HotspotAnalysis> {
  const categories = new Set<CategoryCode>(pledge.problems.map((p) => p.category));
  const period = {
    from: new Date(`${pledge.baseline.from}T00:00:00Z`),
    to: new Date(new Date(`${pledge.baseline.to}T00:00:00Z`).getTime() + DAY),
  };
  const [areas, points] = await Promise.all([areaShapes(db, collaborationId), exactPoints(db, collaborationId, period, null, false)]);
  return analyseHotspots(
    areas,
    points.filter((p) => categories.has(p.category)),
  );
}

export async function pledgeHotspots(db: Db, collaborationId: string, id: string): Promise<PledgeHotspots> {
  const pledge = await getPledge(db, collaborationId, id, 'sv');
  const analysis = await pledgeAnalysis(db, collaborationId, pledge);
  return { period: pledge.baseline, cellSize: PLEDGE_CELL_SIZE, cells: hotCells(analysis), insufficient: analysis.insufficient };
}

const markedCells = (pledge: Pledge) => [...new Set(pledge.activities.flatMap((a) => a.where.cellIds))];

export async function pledgeMapPng(db: Db, collaborationId: string, id: string): Promise<Buffer> {
  const pledge = await getPledge(db, collaborationId, id, 'sv');
  return renderHotspotMap(await pledgeAnalysis(db, collaborationId, pledge), { markedCells: markedCells(pledge) });
}

/** Every problem of the lägesbild by rank (the pledge's own when the snapshot is gone), the chosen marked. */
async function chartRows(db: Db, collaborationId: string, pledge: Pledge): Promise<ChartRow[]> {
  const chosen = new Set(pledge.problems.map((p) => p.category));
  const snapshot = pledge.snapshot ? await findSnapshotRow(db, collaborationId, pledge.snapshot.id) : undefined;
  const entries = snapshot ? (snapshot.payload as { sv: ProblemPicture }).sv.problems : pledge.problems.map((p) => p.evidence);
  return [...entries]
    .sort((a, b) => a.rank - b.rank)
    .map((e) => ({ label: e.label, score: e.score, chosen: chosen.has(e.category), bar: renderScoreBar(e.score, chosen.has(e.category)) }));
}

async function documentInput(db: Db, collaborationId: string, id: string): Promise<PledgeDocumentInput> {
  const pledge = await getPledge(db, collaborationId, id, 'sv');
  const info = await collaborationInfo(db, collaborationId);
  const analysis = await pledgeAnalysis(db, collaborationId, pledge);
  const [chart, results] = await Promise.all([
    chartRows(db, collaborationId, pledge),
    surveyFollowUp(
      db,
      collaborationId,
      { year: pledge.year, baseline_from: pledge.baseline.from, baseline_to: pledge.baseline.to },
      pledge.problems.map((p) => p.category),
      info.disclosure_threshold,
      'sv',
    ),
  ]);
  const cells = hotCells(analysis);
  return {
    pledge,
    collaborationName: info.name,
    threshold: info.disclosure_threshold,
    map: {
      png: renderHotspotMap(analysis, { markedCells: markedCells(pledge) }),
      hotCells: cells.length,
      note: analysis.insufficient
        ? 'Kartan visar inga hot spots: underlaget räcker inte för en statistisk analys.'
        : cells.length === 0
          ? 'Inga statistiskt säkra hot spots hittades.'
          : null,
    },
    chart,
    chartAxis: renderScoreAxis(),
    results,
    exportedAt: new Date(),
  };
}

/** "Medborgarlöfte 2027 – Värnamo" → "medborgarlofte-2027-varnamo". */
function fileStem(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'medborgarlofte'
  );
}

export async function exportPledge(
  db: Db,
  actor: Actor,
  id: string,
  format: 'docx' | 'html',
): Promise<{ body: Buffer | string; contentType: string; fileName: string }> {
  const input = await documentInput(db, actor.collaborationId, id);
  await recordAudit(db, {
    collaborationId: actor.collaborationId,
    actorUserId: actor.userId,
    action: 'pledge.export',
    targetType: 'pledge',
    targetId: id,
    details: { format },
  });
  const stem = `${fileStem(input.pledge.title)}-v${input.pledge.version}`;
  if (format === 'html') return { body: pledgeHtml(input), contentType: 'text/html; charset=utf-8', fileName: `${stem}.html` };
  return {
    body: await pledgeDocx(input),
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    fileName: `${stem}.docx`,
  };
}
