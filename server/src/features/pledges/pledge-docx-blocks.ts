import {
  HeadingLevel,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IStylesOptions,
} from 'docx';

/**
 * The building blocks of the pledge's Word document: text runs, paragraphs, headings and table
 * cells in its one look, the page sizes (A4 portrait and landscape) and the document's styles.
 */

// Word's XML takes no control characters but tab and newline.
// eslint-disable-next-line no-control-regex
export const clean = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  size?: number;
  color?: string;
}

export function runs(text: string, style: RunStyle = {}): TextRun[] {
  return clean(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

export const para = (text: string, style: RunStyle = {}, after = 120) => new Paragraph({ children: runs(text, style), spacing: { after } });
export const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: runs(text), keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } });

export function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), ...runs(value)], spacing: { after: 60 } });
}

export function cell(children: Paragraph[], options: { header?: boolean; width?: number; shade?: string } = {}): TableCell {
  return new TableCell({
    children,
    margins: { top: 60, bottom: 60, left: 90, right: 90 },
    verticalAlign: VerticalAlignTable.TOP,
    ...(options.width ? { width: { size: options.width, type: WidthType.PERCENTAGE } } : {}),
    ...(options.header || options.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.shade ?? 'DCE6F2' } } : {}),
  });
}

export const small = (text: string, style: RunStyle = {}) => new Paragraph({ children: runs(text, { size: 18, ...style }) });

/** A table across the page whose heading row is repeated on every page the table runs over. */
export function headedTable(header: TableCell[], rows: TableRow[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: header }), ...rows],
  });
}

/** A column heading of a `headedTable`. */
export const headerCell = (text: string, width: number) => cell([small(text, { bold: true })], { header: true, width });

export const PORTRAIT = { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1247, right: 1247 } } };
export const LANDSCAPE = {
  page: {
    size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
    margin: { top: 1020, bottom: 1020, left: 1134, right: 1134 },
  },
};

export const STYLES: IStylesOptions = {
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
};
