import type { Pledge, SurveyFollowUp } from '@lagesbild/shared';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { LANDSCAPE, PORTRAIT, STYLES, cell, clean, heading, labelled, para, runs, small } from './pledge-docx-blocks';
import { mapSection, type DocxMap } from './pledge-docx-map';
import { activityTable, chartTable, resultsTable, signatureTable, type ChartRow } from './pledge-docx-tables';
import { STATUS_LABEL, dateSv, evidenceRows, listSv } from './pledge-text';

/**
 * The pledge as a Word document in Swedish, ready for the officials to edit and sign:
 * title and parties, background, the chosen problems with their evidence, a bar chart of the
 * problems' scores and the hot-spot map (both drawn on the server), the activity table on a
 * landscape page, the follow-up questions with their baseline, and signature lines.
 */

export interface PledgeDocumentInput {
  pledge: Pledge;
  collaborationName: string;
  threshold: number;
  map: DocxMap;
  chart: ChartRow[];
  /** PNG of the scale 0–100 above the bars. */
  chartAxis: Buffer;
  results: SurveyFollowUp;
  exportedAt: Date;
}

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
    ...mapSection(pledge, input.map),
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
    styles: STYLES,
    sections: [section(PORTRAIT, opening), section(LANDSCAPE, activities), section(PORTRAIT, closing)],
  });
  return Packer.toBuffer(document);
}
