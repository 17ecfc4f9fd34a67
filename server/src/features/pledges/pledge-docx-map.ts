import type { Pledge } from '@lagesbild/shared';
import { HeadingLevel, ImageRun, Paragraph } from 'docx';
import { heading, para } from './pledge-docx-blocks';
import { dateSv, listSv } from './pledge-text';

/**
 * The hot-spot map in the pledge's Word document: the heading, the image (drawn on the server by
 * `renderHotspotMap` in pledge-map.ts) and its caption, which says what the colours and lines mean.
 */

export interface DocxMap {
  /** PNG of the map, shown at 600 × 450 pt. */
  png: Buffer;
  hotCells: number;
  /** Said after the caption, e.g. why the map shows no hot spots. */
  note: string | null;
}

export function mapSection(pledge: Pledge, map: DocxMap): Paragraph[] {
  return [
    heading('Karta över hot spots', HeadingLevel.HEADING_2),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: map.png,
          transformation: { width: 600, height: 450 },
          altText: {
            name: 'Karta över hot spots',
            title: 'Hot spots för löftets problem',
            description: `Karta med samverkansområdets gräns, kommundelarna och ${map.hotCells} statistiskt säkra hot-spot-rutor om 250 meter för löftets problem.`,
          },
        }),
      ],
    }),
    para(
      `Hot spots (Getis-Ord Gi* med korrektion för många jämförelser, rutor om 250 m) för ${listSv(pledge.problems.map((p) => p.label.toLowerCase()))} ` +
        `under perioden ${dateSv(pledge.baseline.from)} – ${dateSv(pledge.baseline.to)}. Mörkröd: 99 % säkerhet, röd: 95 %, ljusröd: 90 %. ` +
        'Svart linje: samverkansområdets gräns; grå linjer: kommundelar' +
        (pledge.activities.some((a) => a.where.cellIds.length > 0) ? '; svart ram: ruta som en aktivitet avser.' : '.') +
        (map.note ? ` ${map.note}` : ''),
      { size: 18, italics: true },
    ),
  ];
}
