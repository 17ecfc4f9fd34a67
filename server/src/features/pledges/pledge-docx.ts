import {
  must,
  type ActivityStatus,
  type Pledge,
  type PledgeActivity,
  type PledgeStatus,
  type ResponsibleKind,
  type SurveyFollowUp,
} from '@lagesbild/shared';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { dateSv, evidenceRows, formatNumber, formatPercent, listSv } from './pledge-text';

/**
 * The pledge as a Word document in Swedish, ready for the officials to edit and sign:
 * title and parties, background, the chosen problems with their evidence, a bar chart of the
 * problems' scores and the hot-spot map (both drawn on the server), the activity table on a
 * landscape page, the follow-up questions with their baseline, and signature lines.
 */

export interface ChartRow {
  label: string;
  score: number;
  chosen: boolean;
  /** PNG of the bar, 480 × 28 px, shown at half size. */
  bar: Buffer;
}

export interface PledgeDocumentInput {
  pledge: Pledge;
  collaborationName: string;
  threshold: number;
  map: { png: Buffer; hotCells: number; note: string | null };
  chart: ChartRow[];
  /** PNG of the scale 0–100 above the bars. */
  chartAxis: Buffer;
  results: SurveyFollowUp;
  exportedAt: Date;
}

export const STATUS_LABEL: Record<PledgeStatus, string> = {
  draft: 'Utkast',
  agreed: 'Överenskommet',
  signed: 'Undertecknat',
  followed_up: 'Uppföljt',
};
export const ACTIVITY_STATUS_LABEL: Record<ActivityStatus, string> = {
  planned: 'Planerad',
  ongoing: 'Pågår',
  done: 'Genomförd',
  cancelled: 'Inställd',
};
const RESPONSIBLE_LABEL: Record<ResponsibleKind, string> = { municipality: 'Kommunen', police: 'Polisen', other: 'Annan aktör' };

export function responsibleText(who: PledgeActivity['who']): string {
  if (who.kind === 'other') return who.name || RESPONSIBLE_LABEL.other;
  return who.name ? `${RESPONSIBLE_LABEL[who.kind]} (${who.name})` : RESPONSIBLE_LABEL[who.kind];
}

export function whereText(activity: PledgeActivity): string[] {
  const cells = activity.where.cellIds.length;
  return [
    ...activity.where.areas.map((a) => a.name),
    ...activity.where.places,
    ...(cells > 0 ? [cells === 1 ? '1 hot-spot-ruta (markerad på kartan)' : `${cells} hot-spot-rutor (markerade på kartan)`] : []),
  ];
}

// Word's XML takes no control characters but tab and newline.
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  color?: string;
}

function runs(text: string, style: RunStyle = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

const para = (text: string, style: RunStyle = {}, after = 120) => new Paragraph({ children: runs(text, style), spacing: { after } });
const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: runs(text), keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } });

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(value)], spacing: { after: 60 } });
}

function cell(children: Paragraph[], options: { header?: boolean; width?: number; shade?: string } = {}): TableCell {
  return new TableCell({
    children,
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    verticalAlign: VerticalAlignTable.TOP,
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    ...(options.header || options.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.shade ?? 'DCE6F2' } } : {}),
  });
}

const small = (text: string, style: RunStyle = {}) => new Paragraph({ children: runs(text, { size: 18, ...style }) });

function partyLines(pledge: Pledge): Paragraph[] {
  const { municipality, police, others } = pledge.parties;
  return [municipality, police, ...others].map(
    (p) =>
      new Paragraph({
        bullet: { level: 0 },
        children: [
          new TextRun({ text: clean(p.name), bold: true }),
          ...(p.signatory ? [new TextRun({ text: clean(`, genom ${p.signatory.toLowerCase()}`) })] : []),
        ],
      }),
  );
}

function problemSection(pledge: Pledge, threshold: number): (Paragraph | Table)[] {
  return pledge.problems.flatMap((problem, i) => [
    heading(`${i + 1}. ${problem.label}`, HeadingLevel.HEADING_2),
    para(`${problem.evidence.explanation}.`, { italics: true }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: evidenceRows(problem.evidence, threshold).map(
        ([label, value]) =>
          new TableRow({
            cantSplit: true,
            children: [cell([small(label, { bold: true })], { width: 32, shade: 'F1F4F8' }), cell([small(value)], { width: 68 })],
          }),
      ),
    }),
  ]);
}

function chartTable(rows: ChartRow[], axis: Buffer): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell([small('Problem', { bold: true })], { header: true, width: 42 }),
          cell([small('Poäng', { bold: true })], { header: true, width: 10 }),
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
      }),
      ...rows.map(
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
    ],
  });
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

function activityTable(pledge: Pledge): Table {
  const label = (category: string | null) => pledge.problems.find((p) => p.category === category)?.label;
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: ACTIVITY_COLUMNS.map(([name, width]) => cell([small(name, { bold: true })], { header: true, width })),
      }),
      ...pledge.activities.map((a, i) => {
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
    ],
  });
}

function resultsTable(results: SurveyFollowUp): Table {
  const share = (s: { share: number | null; answered: number | null } | null) =>
    s === null
      ? '–'
      : s.share === null
        ? `visas inte (färre än ${results.threshold})`
        : `${formatPercent(s.share)} (n = ${formatNumber(s.answered ?? 0)})`;
  const period = (p: { from: string; to: string } | null) => (p ? `${dateSv(p.from)} – ${dateSv(p.to)}` : 'ännu inte påbörjad');
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell([small('Enkätfråga', { bold: true })], { header: true, width: 34 }),
          cell([small(`Utgångsläge\n${period(results.baseline)}`, { bold: true })], { header: true, width: 22 }),
          cell([small(`Uppföljning\n${period(results.followUp)}`, { bold: true })], { header: true, width: 22 }),
          cell([small('Förändring', { bold: true })], { header: true, width: 22 }),
        ],
      }),
      ...results.measures.map(
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
    ],
  });
}

function signatureTable(pledge: Pledge): Table {
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

export async function pledgeDocx(input: PledgeDocumentInput): Promise<Buffer> {
  const { pledge } = input;
  const exported = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(
    input.exportedAt,
  );
  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({
            text: clean(`${pledge.title} · ${STATUS_LABEL[pledge.status].toLowerCase()}, version ${pledge.version} · sida `),
            size: 16,
          }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16 }),
          new TextRun({ text: ' av ', size: 16 }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 16 }),
        ],
      }),
    ],
  });
  const portrait = { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1247, right: 1247 } } };
  const landscape = {
    page: {
      size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
      margin: { top: 1020, bottom: 1020, left: 1134, right: 1134 },
    },
  };

  const signed = pledge.signedAt ? dateSv(pledge.signedAt.slice(0, 10)) : null;
  const opening: (Paragraph | Table)[] = [
    para(
      `Medborgarlöfte · ${STATUS_LABEL[pledge.status]} · version ${pledge.version} · exporterat från Lägesbild ${exported}`,
      { italics: true, color: '4A5563', size: 18 },
      60,
    ),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(pledge.title), spacing: { after: 200 } }),
    labelled('Gäller', `${pledge.year} (1 januari – 31 december)`),
    labelled('Samverkan', input.collaborationName),
    ...(signed ? [labelled('Undertecknat', signed)] : []),
    ...(pledge.snapshot
      ? [labelled('Underlag', `lägesbilden ”${pledge.snapshot.title}”, ${dateSv(pledge.snapshot.from)} – ${dateSv(pledge.snapshot.to)}`)]
      : []),
    new Paragraph({ children: [new TextRun({ text: 'Parter:', bold: true })], spacing: { before: 120, after: 60 } }),
    ...partyLines(pledge),
    heading('Bakgrund', HeadingLevel.HEADING_1),
    ...(pledge.background.trim()
      ? pledge.background.split(/\n\s*\n/).map((p) => para(p.trim()))
      : [para('Bakgrunden är ännu inte skriven.', { italics: true })]),
    heading('Prioriterade problem', HeadingLevel.HEADING_1),
    para(
      `Löftet tar upp ${pledge.problems.length === 1 ? 'ett problem' : `${pledge.problems.length} problem`} ur lägesbilden: ${listSv(pledge.problems.map((p) => p.label.toLowerCase()))}. ` +
        `Siffror som vilar på färre än ${input.threshold} personer eller händelser visas inte.`,
    ),
    ...problemSection(pledge, input.threshold),
    heading('Problemens poäng i lägesbilden', HeadingLevel.HEADING_2),
    para(
      'Lägesbildens rangordning väger samman enkäten, markerade platser, rapporter, trend och hot spots till en poäng 0–100. Svarta staplar är problemen i löftet.',
      { size: 18 },
    ),
    chartTable(input.chart, input.chartAxis),
    heading('Karta över hot spots', HeadingLevel.HEADING_2),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: input.map.png,
          transformation: { width: 600, height: 450 },
          altText: {
            name: 'Karta över hot spots',
            title: 'Hot spots för löftets problem',
            description: `Karta med samverkansområdets gräns, kommundelarna och ${input.map.hotCells} statistiskt säkra hot-spot-rutor om 250 meter för löftets problem.`,
          },
        }),
      ],
    }),
    para(
      `Hot spots (Getis-Ord Gi* med korrektion för många jämförelser, rutor om 250 m) för ${listSv(pledge.problems.map((p) => p.label.toLowerCase()))} ` +
        `under perioden ${dateSv(pledge.baseline.from)} – ${dateSv(pledge.baseline.to)}. Mörkröd: 99 % säkerhet, röd: 95 %, ljusröd: 90 %. ` +
        'Svart linje: samverkansområdets gräns; grå linjer: kommundelar' +
        (pledge.activities.some((a) => a.where.cellIds.length > 0) ? '; svart ram: ruta som en aktivitet avser.' : '.') +
        (input.map.note ? ` ${input.map.note}` : ''),
      { size: 18, italics: true },
    ),
  ];

  const activities: (Paragraph | Table)[] = [
    heading('Aktiviteter', HeadingLevel.HEADING_1),
    para('Vad parterna lovar att göra, vem som ansvarar, var och när, hur det mäts och när det följs upp.', { size: 18 }),
    ...(pledge.activities.length > 0 ? [activityTable(pledge)] : [para('Inga aktiviteter ännu.', { italics: true })]),
  ];

  const closing: (Paragraph | Table)[] = [
    heading('Uppföljning', HeadingLevel.HEADING_1),
    para(
      'Löftet följs upp per aktivitet med datum, status och kommentar, och i slutet av perioden med samma frågor i trygghetsundersökningen som lägesbilden byggde på. ' +
        `Andelar som vilar på färre än ${input.threshold} svarande visas inte.`,
    ),
    resultsTable(input.results),
    heading('Underskrifter', HeadingLevel.HEADING_1),
    para('Parterna har kommit överens om medborgarlöftet och ansvarar gemensamt för att det genomförs och följs upp.'),
    signatureTable(pledge),
  ];

  const section = (properties: ISectionOptions['properties'], children: (Paragraph | Table)[]): ISectionOptions => ({
    properties,
    footers: { default: footer },
    children,
  });
  const document = new Document({
    creator: 'Lägesbild',
    title: clean(pledge.title),
    description: `Medborgarlöfte ${pledge.year}, version ${pledge.version}`,
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
      paragraphStyles: [
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', run: { size: 44, bold: true, color: '1D4E89' } },
        {
          id: 'Heading1',
          name: 'Heading 1',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 30, bold: true, color: '1D4E89' },
        },
        {
          id: 'Heading2',
          name: 'Heading 2',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 25, bold: true, color: '1B1F24' },
        },
      ],
    },
    sections: [section(portrait, opening), section(landscape, activities), section(portrait, closing)],
  });
  return Packer.toBuffer(document);
}
