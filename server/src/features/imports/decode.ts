import iconv from 'iconv-lite';
import { must, type ImportEncoding } from '@lagesbild/shared';
import { ImportFileError } from './import-errors';

/**
 * Bytes → text for imports, streamed. With `auto`: a byte-order mark decides (UTF-8, UTF-16);
 * otherwise the text is read as UTF-8 and, if invalid UTF-8 turns up before any non-ASCII UTF-8
 * character has been seen, as Windows-1252 from the start (identical so far, since it was all
 * ASCII). Invalid UTF-8 after valid non-ASCII UTF-8 means a file that mixes encodings: refused.
 */
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Binary formats people upload by mistake, recognised by their first bytes. */
const MAGIC: { bytes: number[]; what: string }[] = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a zip archive (an .xlsx or .docx file is one too): export the sheet as CSV, or unzip it first',
  },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'an empty zip archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: unpack it first' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document: export the data as CSV instead' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Word file: save the sheet as CSV' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive: unpack it first' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive: unpack it first' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
}

/** Refuses archives, documents, images and other binary data by their first bytes. */
export function refuseBinary(head: Buffer): void {
  for (const { bytes, what } of MAGIC) {
    if (startsWith(head, bytes)) throw new ImportFileError(415, 'BINARY_FILE', `The file is ${what}.`);
  }
  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  if (utf16) return;
  let control = 0;
  const n = Math.min(head.length, 8192);
  for (const b of head.subarray(0, n)) {
    if (b === 0) throw new ImportFileError(415, 'BINARY_FILE', 'The file holds binary data, not text: upload a CSV or JSON file.');
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (n > 0 && control / n > 0.05)
    throw new ImportFileError(415, 'BINARY_FILE', 'The file holds binary data, not text: upload a CSV or JSON file.');
}

const CHARSETS: Record<string, ImportEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'iso-8859-1': 'iso-8859-1',
  'iso-8859-15': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'us-ascii': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

/** The `charset` parameter of a Content-Type header, as an import encoding; unknown → 415. */
export function encodingFromContentType(contentType: string | undefined): ImportEncoding | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  if (!match) return undefined;
  const found = CHARSETS[must(match[1], 'the charset').toLowerCase()];
  if (!found)
    throw new ImportFileError(415, 'UNKNOWN_ENCODING', `The character set "${match[1]}" is not supported: use UTF-8 or Windows-1252.`);
  return found;
}

/** Length of an incomplete UTF-8 sequence at the end of `bytes` (0–3), to carry to the next chunk. */
function incompleteTail(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes.readUInt8(n - back);
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Does valid non-ASCII UTF-8 come before the first invalid sequence? Then the text mixes encodings. */
function validUtf8BeforeInvalid(bytes: Buffer): boolean {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const bad = lenient.indexOf('\ufffd');
  return NON_ASCII.test(bad === -1 ? lenient : lenient.slice(0, bad));
}

interface IconvDecoder {
  write(b: Buffer): string;
  end(): string | undefined;
}

export class StreamDecoder {
  private mode: DetectedEncoding | undefined;
  private carry: Buffer = Buffer.alloc(0);
  private nonAsciiSeen = false;
  private bytes = 0;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });
  /** The first bytes, held until there are enough to look for a byte-order mark. */
  private head: Buffer | undefined = Buffer.alloc(0);
  private iconvDecoder: IconvDecoder | undefined;

  constructor(private readonly declared: ImportEncoding = 'auto') {}

  get encoding(): DetectedEncoding | undefined {
    return this.mode;
  }

  /** Decodes the next chunk; the first call decides the encoding (give it at least a few bytes). */
  push(chunk: Buffer): string {
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 4) return '';
      chunk = this.head;
      this.head = undefined;
      this.choose(chunk);
      if (this.mode === 'utf-8-bom') chunk = chunk.subarray(3);
    }
    let text = this.decode(chunk);
    if (this.bytes === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    this.bytes += chunk.length;
    if (text.includes('\u0000')) throw new ImportFileError(422, 'BINARY_FILE', 'The file holds binary data (NUL characters), not text.');
    return text;
  }

  end(): string {
    if (this.head) {
      const head = this.head;
      this.head = undefined;
      this.choose(head);
      const text = head.length === 0 ? '' : this.push(this.mode === 'utf-8-bom' ? head.subarray(3) : head);
      return text + this.end();
    }
    if (this.iconvDecoder) return this.iconvDecoder.end() ?? '';
    if (this.carry.length === 0) return '';
    const rest = this.carry;
    this.carry = Buffer.alloc(0);
    if (this.declared === 'auto' && this.mode === 'utf-8' && !this.nonAsciiSeen) {
      this.mode = 'windows-1252';
      return iconv.decode(rest, 'win1252');
    }
    throw new ImportFileError(422, 'INVALID_ENCODING', 'The file ends in the middle of a UTF-8 character.');
  }

  private useIconv(mode: DetectedEncoding, name: string): IconvDecoder {
    this.mode = mode;
    this.iconvDecoder = iconv.getDecoder(name, { stripBOM: true });
    return this.iconvDecoder;
  }

  private decode(chunk: Buffer): string {
    if (this.iconvDecoder) return this.iconvDecoder.write(chunk);
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const tail = incompleteTail(bytes);
    const body = tail > 0 ? bytes.subarray(0, bytes.length - tail) : bytes;
    let text: string;
    try {
      text = this.utf8.decode(body);
    } catch {
      if (this.declared === 'auto' && this.mode === 'utf-8' && !this.nonAsciiSeen && !validUtf8BeforeInvalid(body)) {
        // Everything before was ASCII, which Windows-1252 reads the same: switch from here on.
        const decoder = this.useIconv('windows-1252', 'win1252');
        this.carry = Buffer.alloc(0);
        return decoder.write(bytes);
      }
      throw new ImportFileError(
        422,
        'INVALID_ENCODING',
        `The file is not valid UTF-8 (around byte ${this.bytes}): it mixes encodings, or is not UTF-8 at all; declare encoding=windows-1252 if that is what it is.`,
      );
    }
    this.carry = tail > 0 ? Buffer.from(bytes.subarray(bytes.length - tail)) : Buffer.alloc(0);
    if (!this.nonAsciiSeen && NON_ASCII.test(text)) this.nonAsciiSeen = true;
    return text;
  }

  private choose(head: Buffer): void {
    const bom8 = startsWith(head, [0xef, 0xbb, 0xbf]);
    const bomLe = startsWith(head, [0xff, 0xfe]);
    const bomBe = startsWith(head, [0xfe, 0xff]);
    switch (this.declared) {
      case 'windows-1252':
      case 'iso-8859-1':
        this.useIconv('windows-1252', 'win1252');
        return;
      case 'utf-16le':
        this.useIconv('utf-16le', 'utf16le');
        return;
      case 'utf-16be':
        this.useIconv('utf-16be', 'utf16be');
        return;
      case 'utf-8':
        this.mode = bom8 ? 'utf-8-bom' : 'utf-8';
        return;
      default:
        if (bomLe) this.useIconv('utf-16le', 'utf16le');
        else if (bomBe) this.useIconv('utf-16be', 'utf16be');
        else this.mode = bom8 ? 'utf-8-bom' : 'utf-8';
    }
  }
}
