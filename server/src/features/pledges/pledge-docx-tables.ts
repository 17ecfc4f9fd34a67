import { must, type Pledge, type SurveyFollowUp } from '@lagesbild/shared';
import { AlignmentType, BorderStyle, ImageRun, Paragraph, Table, TableBorders, TableCell, TableRow, WidthType } from 'docx';
import { cell, headedTable, headerCell, para, runs, small } from './pledge-docx-blocks';
import { ACTIVITY_STATUS_LABEL, dateSv, formatNumber, formatPercent, responsibleText, whereText } from './pledge-text';

/**
 * The tables of the pledge's Word document: the bar chart of the problems' scores, the
 * activities, the survey questions at baseline and follow-up, and the signature lines.
 */

export interface ChartRow {
  label: string;
  score: number;
  chosen: boolean;
  /** PNG of the bar, 480 × 28 px, shown at half size. */
  bar: Buffer;
}

export function chartTable(rows: ChartRow[], axis: Buffer): Table {
  return headedTable(
    [
      headerCell('Problem', 42),
      headerCell('Poäng', 10),
      cell(
        [
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: axis,
                transformation: { width: 240, height: 18 },
                altText: { name: 'Skala', title: 'Skala', description: 'Skala 0–100 poäng' },
              }),
            ],
          }),
        ],
        { header: true, width: 48 },
      ),
    ],
    rows.map(
      (row) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([small(row.chosen ? `${row.label} (i löftet)` : row.label, { bold: row.chosen })], { width: 42 }),
            cell(
              [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  children: runs(formatNumber(row.score), { size: 18, bold: row.chosen }),
                }),
              ],
              { width: 10 },
            ),
            cell(
              [
                new Paragraph({
                  children: [
                    new ImageRun({
                      type: 'png',
                      data: row.bar,
                      transformation: { width: 240, height: 14 },
                      altText: {
                        name: `Stapel ${row.label}`,
                        title: row.label,
                        description: `${row.label}: ${formatNumber(row.score)} poäng`,
                      },
                    }),
                  ],
                }),
              ],
              { width: 48 },
            ),
          ],
        }),
    ),
  );
}

const ACTIVITY_COLUMNS: [string, number][] = [
  ['Vad', 22],
  ['Vem', 14],
  ['Var', 15],
  ['När', 12],
  ['Indikator', 14],
  ['Mål', 11],
  ['Uppföljning', 12],
];

export function activityTable(pledge: Pledge): Table {
  const label = (category: string | null) => pledge.problems.find((p) => p.category === category)?.label;
  return headedTable(
    ACTIVITY_COLUMNS.map(([name, width]) => headerCell(name, width)),
    pledge.activities.map((a, i) => {
      const followUp = [
        a.followUpOn ? dateSv(a.followUpOn) : '–',
        ...(pledge.status === 'signed' || pledge.status === 'followed_up'
          ? [`Status: ${ACTIVITY_STATUS_LABEL[a.status].toLowerCase()}`]
          : []),
      ];
      const problem = label(a.problemCategory);
      const values = [
        `${i + 1}. ${a.what}`,
        responsibleText(a.who),
        whereText(a).join('\n') || '–',
        a.when || '–',
        a.indicator || '–',
        a.target || '–',
        followUp.join('\n'),
      ];
      return new TableRow({
        cantSplit: true,
        children: values.map((value, c) =>
          cell(c === 0 && problem ? [small(value), small(`Problem: ${problem}`, { italics: true, color: '4A5563' })] : [small(value)], {
            width: must(ACTIVITY_COLUMNS[c], 'the activity column')[1],
          }),
        ),
      });
    }),
  );
}

export function resultsTable(results: SurveyFollowUp): Table {
  const share = (s: { share: number | null; answered: number | null } | null) =>
    s === null
      ? '–'
      : s.share === null
        ? `visas inte (färre än ${results.threshold})`
        : `${formatPercent(s.share)} (n = ${formatNumber(s.answered ?? 0)})`;
  const period = (p: { from: string; to: string } | null) => (p ? `${dateSv(p.from)} – ${dateSv(p.to)}` : 'ännu inte påbörjad');
  return headedTable(
    [
      headerCell('Enkätfråga', 34),
      headerCell(`Utgångsläge\n${period(results.baseline)}`, 22),
      headerCell(`Uppföljning\n${period(results.followUp)}`, 22),
      headerCell('Förändring', 22),
    ],
    results.measures.map(
      (m) =>
        new TableRow({
          cantSplit: true,
          children: [
            cell([small(m.label)], { width: 34 }),
            cell([small(share(m.baseline))], { width: 22 }),
            cell([small(share(m.followUp))], { width: 22 }),
            cell(
              [
                small(
                  m.change === null
                    ? '–'
                    : `${m.change >= 0 ? '+' : '−'}${formatNumber(Math.abs(m.change * 100))} procentenheter${m.significant ? ' (säkerställd)' : ''}`,
                ),
              ],
              { width: 22 },
            ),
          ],
        }),
    ),
  );
}

export function signatureTable(pledge: Pledge): Table {
  const { municipality, police, others } = pledge.parties;
  const parties = [municipality, police, ...others];
  const block = (p: (typeof parties)[number]) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      margins: { top: 120, bottom: 240, left: 120, right: 240 },
      children: [
        para('Ort och datum: ______________________', {}, 560),
        // The line to sign on: a bottom border, which never wraps as underscores do.
        new Paragraph({
          children: [],
          border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: '1B1F24', space: 1 } },
          spacing: { after: 60 },
        }),
        para(p.signatory || 'Underskrift', { bold: true }, 0),
        para(p.name, {}, 240),
      ],
    });
  const rows: TableRow[] = [];
  for (let i = 0; i < parties.length; i += 2) {
    const pair = parties.slice(i, i + 2);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          ...pair.map(block),
          ...(pair.length === 1 ? [new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [new Paragraph('')] })] : []),
        ],
      }),
    );
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: TableBorders.NONE, rows });
}
