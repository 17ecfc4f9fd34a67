import { csvDocument, type CurrentUser, type ProblemPictureFeatures } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { areaShapes } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import { problemPicture, viewerOf, type PictureRequest } from './problem-picture-service';

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string;
}

/**
 * The problem picture as a file: CSV (spreadsheet-safe, one row per category) or GeoJSON (the
 * areas with their figures). Every export is in the audit log: figures leave the platform here.
 */
export async function exportProblemPicture(
  db: Kysely<Database>,
  user: CurrentUser,
  request: PictureRequest,
  format: 'csv' | 'geojson',
): Promise<ExportFile> {
  const picture = await problemPicture(db, viewerOf(user), request);
  await recordAudit(db, {
    collaborationId: user.collaboration.id,
    actorUserId: user.id,
    action: 'export.problem_picture',
    details: { format },
  });
  const name = `problembild-${picture.period.from}-${picture.period.to}`;
  if (format === 'csv') {
    return {
      fileName: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body: csvDocument(
        [
          'rank',
          'kategori',
          'poäng',
          'andel_stort_problem',
          'n',
          'wilson_låg',
          'wilson_hög',
          'svarande_med_pins',
          'rapporter',
          'per_1000_inv',
          'kommun',
          'polis',
          'vandring',
          'dialog',
          'förändring',
          'signifikant',
          'hot_spots',
          'förklaring',
        ],
        picture.problems.map((p) => [
          p.rank,
          p.label,
          p.score,
          p.survey.share,
          p.survey.rated,
          p.survey.low,
          p.survey.high,
          p.pins.respondents,
          p.reports.total,
          p.reports.ratePer1000,
          p.reports.bySource.municipality,
          p.reports.bySource.police,
          p.reports.bySource.walk,
          p.reports.bySource.dialogue,
          p.trend.change,
          p.trend.significant,
          p.hotspots,
          p.explanation,
        ]),
      ),
    };
  }
  const areas = (await areaShapes(db, user.collaboration.id)).filter((a) => picture.area === null || a.id === picture.area.id);
  const features: ProblemPictureFeatures = {
    type: 'FeatureCollection',
    period: picture.period,
    features: areas.map((a) => ({
      type: 'Feature',
      geometry: a.geometry,
      properties: {
        areaId: a.id,
        name: a.name,
        problems: picture.area ? picture.problems.map((p) => ({ rank: p.rank, category: p.category, score: p.score })) : undefined,
        feltVsReported: picture.feltVsReported.places.find((pl) => pl.areaId === a.id)?.kind ?? null,
      },
    })),
  };
  return { fileName: `${name}.geojson`, contentType: 'application/geo+json', body: JSON.stringify(features) };
}
