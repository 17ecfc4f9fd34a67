import {
  categoryLabel,
  safetyParameters,
  type ActionOwner,
  type SafetyParameter,
  type WalkStop,
  type WalkSummary,
} from '@lagesbild/shared';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

/**
 * The walk protocol as a Word document, in Swedish: what the group filled in on paper before,
 * ready to edit and send to the owners of the suggested actions. Photos are embedded small;
 * WebP photos (which Word cannot show) are named instead.
 */

const PARAMETER_SV: Record<SafetyParameter, string> = {
  lighting: 'Belysning',
  openness: 'Överblick',
  visibility: 'Synlighet',
  people: 'Människor i rörelse',
  security: 'Bevakning',
  walk_path: 'Gångväg',
  transport: 'Kollektivtrafik',
  mixed_use: 'Blandade verksamheter',
  feeling: 'Känsla av trygghet',
};

const OWNER_SV: Record<ActionOwner, string> = {
  municipality: 'Kommunen',
  property_owner: 'Fastighetsägare',
  police: 'Polisen',
  other: 'Annan aktör',
};

const SCALE_SV = ['mycket dåligt', 'dåligt', 'godtagbart', 'bra'];
const ACTION_STATUS_SV = { open: 'öppen', adopted: 'tagen vidare', dismissed: 'avförd' } as const;

export interface ExportPhoto {
  stopClientId: string;
  contentType: string;
  bytes: Uint8Array;
  width: number | null;
  height: number | null;
}

export interface WalkExportInput {
  collaborationName: string;
  walk: WalkSummary;
  stops: WalkStop[];
  /** District name of each stop, by client id. */
  districts: Map<string, string>;
  photos: ExportPhoto[];
  exportedAt: Date;
}

// Word's XML takes no control characters but tab and newline.
// eslint-disable-next-line no-control-regex
const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

function runs(text: string, options: { bold?: boolean; size?: number } = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, ...options, ...(i > 0 ? { break: 1 } : {}) }));
}

const para = (text: string, options: { bold?: boolean; size?: number } = {}) => new Paragraph({ children: runs(text, options) });

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(value)], spacing: { after: 60 } });
}

const dateSv = (day: string) =>
  new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );

const coordinates = (stop: WalkStop) => `${stop.lat.toFixed(5)}, ${stop.lon.toFixed(5)}`;

function cell(children: Paragraph[], header = false, width?: number): TableCell {
  return new TableCell({
    children,
    margins: { top: 60, bottom: 60, left: 80, right: 80 },
    ...(width ? { width: { size: width, type: WidthType.PERCENTAGE } } : {}),
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE6F2' } } : {}),
  });
}

function ratingLines(stop: WalkStop): Paragraph[] {
  return safetyParameters.map((p) => {
    const value = stop.ratings[p];
    const low = value !== null && value <= 1;
    return new Paragraph({
      children: [new TextRun({ text: `${PARAMETER_SV[p]}: ${value === null ? '–' : value}`, bold: low, size: 18 })],
    });
  });
}

function actionText(stop: WalkStop): string {
  if (!stop.action) return '–';
  const owner = OWNER_SV[stop.action.owner] + (stop.action.ownerName ? ` (${stop.action.ownerName})` : '');
  return `${stop.action.text}\nAnsvarig: ${owner}\nStatus: ${ACTION_STATUS_SV[stop.action.status]}`;
}

/** Fits a photo inside 220 × 165 px (Word's 96 dpi pixels), keeping its proportions. */
function photoSize(photo: ExportPhoto): { width: number; height: number } {
  const w = photo.width ?? 4;
  const h = photo.height ?? 3;
  const scale = Math.min(220 / w, 165 / h);
  return { width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)) };
}

function photoParagraphs(stop: WalkStop, number: number, photos: ExportPhoto[]): Paragraph[] {
  const shown = photos.filter((p) => p.contentType === 'image/jpeg' || p.contentType === 'image/png');
  const out: Paragraph[] = [];
  if (shown.length > 0) {
    out.push(
      new Paragraph({
        children: shown.flatMap((photo, i) => [
          ...(i > 0 ? [new TextRun({ text: '  ' })] : []),
          new ImageRun({
            type: photo.contentType === 'image/png' ? 'png' : 'jpg',
            data: photo.bytes,
            transformation: photoSize(photo),
            altText: { name: `Stopp ${number}, foto ${i + 1}`, description: `Foto från stopp ${number}`, title: `Stopp ${number}` },
          }),
        ]),
        spacing: { after: 120 },
      }),
    );
  }
  const webp = photos.length - shown.length;
  if (webp > 0) out.push(para(`${webp} foto i WebP-format finns i Lägesbild.`, { size: 18 }));
  return out;
}

export async function walkProtocolDocx(input: WalkExportInput): Promise<Buffer> {
  const { walk, stops } = input;
  const photosOf = (stop: WalkStop) => input.photos.filter((p) => p.stopClientId === stop.clientId);
  const district = (stop: WalkStop) => input.districts.get(stop.clientId);

  const header = [
    new Paragraph({ children: [new TextRun({ text: 'Protokoll från trygghetsvandring', italics: true, color: '4A5563' })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(walk.title) }),
    labelled('Samverkan', input.collaborationName),
    labelled('Datum', dateSv(walk.walkedOn)),
    labelled('Ljus', walk.light === 'dark' ? 'I mörker' : 'I dagsljus'),
    ...(walk.areaName ? [labelled('Område', walk.areaName)] : []),
    ...(walk.routeDescription ? [labelled('Sträcka', walk.routeDescription)] : []),
    labelled('Antal deltagare', String(walk.participants)),
    labelled('Närvarande aktörer', walk.partners.length > 0 ? walk.partners.join(', ') : '–'),
    labelled('Antal stopp', String(stops.length)),
    para(
      'Varje stopp bedömdes på skalan 0–3 (0 mycket dåligt, 1 dåligt, 2 godtagbart, 3 bra; – ej bedömt) ' +
        'för de nio faktorerna i Safetipins trygghetsbedömning. Låga värden (0–1) står i fetstil.',
      { size: 18 },
    ),
  ];

  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [
          cell([para('Nr', { bold: true })], true, 6),
          cell([para('Plats', { bold: true })], true, 18),
          cell([para('Bedömning', { bold: true })], true, 24),
          cell([para('Anteckningar', { bold: true })], true, 24),
          cell([para('Åtgärdsförslag', { bold: true })], true, 28),
        ],
      }),
      ...stops.map(
        (stop, i) =>
          new TableRow({
            cantSplit: true,
            children: [
              cell([para(String(i + 1))], false, 6),
              cell([para([district(stop), coordinates(stop)].filter(Boolean).join('\n'), { size: 18 })], false, 18),
              cell(ratingLines(stop), false, 24),
              cell([para(stop.notes ?? '–', { size: 18 })], false, 24),
              cell([para(actionText(stop), { size: 18 })], false, 28),
            ],
          }),
      ),
    ],
  });

  const details = stops.flatMap((stop, i) => {
    const categories = stop.categories.map((c) => categoryLabel(c, 'sv').toLowerCase());
    const low = safetyParameters.flatMap((p) => {
      const rating = stop.ratings[p];
      return rating !== null && rating <= 1 ? [{ p, rating }] : [];
    });
    return [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(`Stopp ${i + 1}${district(stop) ? ` – ${district(stop)}` : ''}`) }),
      labelled('Position', coordinates(stop)),
      labelled(
        'Brister',
        low.length > 0
          ? low.map(({ p, rating }) => `${PARAMETER_SV[p].toLowerCase()} (${SCALE_SV[rating]})`).join(', ')
          : 'inga låga värden',
      ),
      ...(categories.length > 0 ? [labelled('I lägesbilden som', categories.join(', '))] : []),
      ...(stop.notes ? [labelled('Anteckningar', stop.notes)] : []),
      ...(stop.action ? [labelled('Åtgärdsförslag', actionText(stop).replace(/\n/g, ' · '))] : []),
      ...photoParagraphs(stop, i + 1, photosOf(stop)),
    ];
  });

  const withActions = stops.flatMap((stop, i) => (stop.action ? [{ action: stop.action, number: i + 1 }] : []));
  const owners = (['municipality', 'property_owner', 'police', 'other'] as const).filter((o) =>
    withActions.some(({ action }) => action.owner === o),
  );
  const actionSummary = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Åtgärdsförslag per ansvarig') }),
    ...(owners.length === 0
      ? [para('Inga åtgärdsförslag antecknades.')]
      : owners.flatMap((owner) => [
          new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs(OWNER_SV[owner]) }),
          ...withActions
            .filter(({ action }) => action.owner === owner)
            .map(
              ({ action, number }) =>
                new Paragraph({
                  bullet: { level: 0 },
                  children: runs(`Stopp ${number}: ${action.text}${action.ownerName ? ` (${action.ownerName})` : ''}`),
                }),
            ),
        ])),
  ];

  const exported = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(
    input.exportedAt,
  );
  const document = new Document({
    creator: 'Lägesbild',
    title: `Trygghetsvandring: ${clean(walk.title)}`,
    description: 'Protokoll från trygghetsvandring',
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ text: `Underlag från Lägesbild · exporterat ${exported}`, size: 16 })],
              }),
            ],
          }),
        },
        children: [
          ...header,
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Stopp och bedömningar') }),
          ...(stops.length > 0 ? [table] : [para('Inga stopp registrerades.')]),
          ...(stops.length > 0 ? [new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Stopp för stopp') }), ...details] : []),
          ...actionSummary,
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
