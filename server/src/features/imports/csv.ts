import { ImportFileError } from './import-errors';

/**
 * A streamed RFC 4180 CSV reader: quoted fields (with "" for a quote, and line breaks inside),
 * CRLF, LF or CR line ends, any one-character delimiter. Records come out with the file line they
 * start on, so row errors name the line a spreadsheet shows. Blank lines (also ";;;;") are left out.
 * A record longer than `maxRecordChars` stops the import: that is a broken file, not a row.
 * Hand-written because csv-parse, with the same options, parsed an EST-style file 11–15× slower.
 */
const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  AfterQuote,
}

export type RecordHandler = (fields: string[], line: number) => void;

export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private recordChars = 0;
  private line = 1;
  private recordLine = 1;
  private skipLf = false;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string, emit: RecordHandler): void {
    const n = text.length;
    const delimiter = this.delimiter;
    let i = 0;
    if (this.skipLf) {
      this.skipLf = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    let start = i;
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = text.indexOf('"', i);
        const end = q === -1 ? n : q;
        this.countLines(text, i, end);
        this.field += text.slice(i, end);
        if (q === -1) break;
        this.state = State.AfterQuote;
        i = q + 1;
        start = i;
        continue;
      }
      const c = text.charCodeAt(i);
      if (this.state === State.FieldStart) {
        if (c === QUOTE) {
          this.state = State.Quoted;
          i++;
          start = i;
          continue;
        }
        this.state = State.Unquoted;
        start = i;
      } else if (this.state === State.AfterQuote) {
        if (c === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          i++;
          start = i;
          continue;
        }
        if (c !== delimiter && c !== LF && c !== CR) {
          // Text after a closing quote ("abc"def): keep it, as spreadsheets do.
          this.state = State.Unquoted;
          start = i;
        }
      }
      if (c === delimiter) {
        if (this.state === State.Unquoted) this.field += text.slice(start, i);
        this.endField();
        i++;
        start = i;
      } else if (c === LF || c === CR) {
        if (this.state === State.Unquoted) this.field += text.slice(start, i);
        this.endField();
        this.endRecord(emit);
        this.line++;
        i++;
        if (c === CR) {
          if (i === n) this.skipLf = true;
          else if (text.charCodeAt(i) === LF) i++;
        }
        this.recordLine = this.line;
        start = i;
      } else {
        i++;
      }
    }
    if (this.state === State.Unquoted) this.field += text.slice(start, n);
    if (this.recordChars + this.field.length > this.maxRecordChars) this.tooLong();
  }

  end(emit: RecordHandler): void {
    if (this.state === State.Quoted) {
      throw new ImportFileError(422, 'MALFORMED_CSV', `A quoted field that starts on line ${this.recordLine} is never closed.`);
    }
    if (this.state !== State.FieldStart || this.record.length > 0) {
      this.endField();
      this.endRecord(emit);
    }
  }

  private countLines(text: string, from: number, to: number): void {
    let at = text.indexOf('\n', from);
    while (at !== -1 && at < to) {
      this.line++;
      at = text.indexOf('\n', at + 1);
    }
  }

  private tooLong(): never {
    throw new ImportFileError(
      422,
      'LINE_TOO_LONG',
      `The record on line ${this.recordLine} is longer than ${Math.round(this.maxRecordChars / 1024)} KB: the file is not a CSV file, or a quote is never closed.`,
    );
  }

  private endField(): void {
    this.recordChars += this.field.length;
    if (this.recordChars > this.maxRecordChars) this.tooLong();
    this.record.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord(emit: RecordHandler): void {
    const record = this.record;
    this.record = [];
    this.recordChars = 0;
    this.state = State.FieldStart;
    if (record.every((f) => f.trim() === '')) return;
    emit(record, this.recordLine);
  }
}

export const DELIMITER_CANDIDATES = ['\t', ';', ',', '|'] as const;

/** Delimiter counts per non-blank line outside quotes, for the first complete lines of `sample`. */
function countsPerLine(sample: string, delimiter: string, maxLines: number): number[] {
  const counts: number[] = [];
  let inQuotes = false;
  let count = 0;
  let blank = true;
  for (let i = 0; i < sample.length && counts.length < maxLines; i++) {
    const c = sample[i];
    if (c === '"') inQuotes = !inQuotes;
    if (!inQuotes && (c === '\n' || c === '\r')) {
      if (c === '\r' && sample[i + 1] === '\n') i++;
      if (!blank) counts.push(count);
      count = 0;
      blank = true;
      continue;
    }
    if (!inQuotes && c === delimiter) count++;
    if (c !== ' ' && c !== '\t') blank = false;
  }
  return counts;
}

/**
 * Guesses the delimiter from the first lines: the candidate that occurs in the header and the same
 * number of times on (nearly) every line; tab, then semicolon, then comma, then pipe when several
 * fit (a semicolon file with decimal commas has commas too, but not the same number per line, and
 * none in the header). `complete` says `sample` is the whole file (its last line counts).
 */
export function detectDelimiter(sample: string, complete: boolean): string | undefined {
  const text = complete && !/[\r\n]$/.test(sample) ? `${sample}\n` : sample;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = countsPerLine(text, candidate, 50);
    const header = counts[0];
    if (!header) continue;
    const same = counts.filter((c) => c === header).length;
    if (same / counts.length >= 0.8) return candidate;
  }
  return undefined;
}
