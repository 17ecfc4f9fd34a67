import { MAX_JSON_DEPTH, tooDeepMessage } from '../../plugins/json-body';
import { ImportFileError } from './import-errors';

/**
 * Streams the items of a large JSON document without holding the document: the elements of a
 * top-level array, or of the array under one of `itemKeys` in a top-level object (GeoJSON's
 * "features", Open311's "service_requests"). Each item's text is handed out whole, to be parsed
 * on its own; everything outside the items (the "skeleton", e.g. a FeatureCollection's "crs") is
 * kept, bounded, and parsed at the end, which also proves the document well-formed.
 */
const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]
const QUOTE = 34;
const BACKSLASH = 92;
const COLON = 58;
const COMMA = 44;

export type ItemHandler = (text: string, index: number) => void;

export interface JsonScanResult {
  root: 'array' | 'object';
  /** The document with the items left out (`"features": []`), parsed. */
  skeleton: unknown;
  items: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class JsonItemScanner {
  private root: 'array' | 'object' | undefined;
  private depth = 0;
  private inString = false;
  private escape = false;
  /** Depth of the items array's elements (1: top-level array, 2: array under an item key). */
  private itemsDepth = -1;
  private capturing = false;
  private item = '';
  private items = 0;
  private skeleton = '';
  /** In the top-level object: the next string is a key. */
  private expectKey = false;
  private keyCollecting = false;
  private key = '';
  private lastKey = '';
  private primitiveItem = false;

  constructor(
    private readonly itemKeys: readonly string[],
    private readonly maxItemChars: number,
    private readonly allowRoot: 'array' | 'object' | 'both',
  ) {}

  /** The document so far without its items, e.g. `{"type":"FeatureCollection","crs":{…},"features":[`. */
  get skeletonSoFar(): string {
    return this.skeleton;
  }

  push(text: string, emit: ItemHandler): void {
    const n = text.length;
    let skelFrom = this.capturing ? -1 : 0;
    let itemFrom = this.capturing ? 0 : -1;
    let keyFrom = this.keyCollecting ? 0 : -1;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (c === BACKSLASH) this.escape = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyCollecting) {
            this.key += text.slice(keyFrom, i);
            this.keyCollecting = false;
            keyFrom = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (this.root === undefined) {
        if (c === OPEN_ARRAY && this.allowRoot !== 'object') this.root = 'array';
        else if (c === OPEN_OBJECT && this.allowRoot !== 'array') this.root = 'object';
        else throw this.wrongRoot(c);
        if (this.root === 'array') this.itemsDepth = 1;
        else this.expectKey = true;
      }
      if (this.depth === this.itemsDepth && !this.capturing) {
        if (c === COMMA) {
          skelFrom = this.cut(text, skelFrom, i, i + 1);
          continue;
        }
        if (c === CLOSE_ARRAY) {
          this.itemsDepth = -1;
        } else {
          if (c !== OPEN_OBJECT) this.primitiveItem = true;
          if (this.primitiveItem) {
            throw new ImportFileError(422, 'MALFORMED_JSON', `Item ${this.items + 1} of the array is not a JSON object.`);
          }
          skelFrom = this.cut(text, skelFrom, i, -1);
          this.capturing = true;
          itemFrom = i;
        }
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.root === 'object' && this.depth === 1 && this.expectKey) {
            this.keyCollecting = true;
            this.key = '';
            keyFrom = i + 1;
          }
          break;
        case COLON:
          if (this.depth === 1 && this.root === 'object') {
            this.expectKey = false;
            this.lastKey = this.key;
          }
          break;
        case COMMA:
          if (this.depth === 1 && this.root === 'object') this.expectKey = true;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (
            c === OPEN_ARRAY &&
            this.depth === 1 &&
            this.root === 'object' &&
            this.itemKeys.includes(this.lastKey) &&
            this.itemsDepth === -1
          ) {
            this.itemsDepth = 2;
            this.lastKey = '';
          }
          // Items are parsed and walked recursively later; a deeper file is refused here, unparsed.
          if (++this.depth > MAX_JSON_DEPTH) throw new ImportFileError(422, 'JSON_TOO_DEEP', tooDeepMessage('The file'));
          break;
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.depth--;
          if (this.depth < 0) throw this.malformed('a closing bracket without an opening one');
          if (this.capturing && this.depth === this.itemsDepth) {
            const chunk = text.slice(itemFrom, i + 1);
            const whole = this.item.length > 0 ? this.item + chunk : chunk;
            this.item = '';
            this.capturing = false;
            itemFrom = -1;
            skelFrom = i + 1;
            this.items++;
            if (whole.length > this.maxItemChars) throw this.tooLarge();
            emit(whole, this.items);
          }
          break;
        default:
          break;
      }
    }
    if (this.capturing) {
      this.item += text.slice(itemFrom, n);
      if (this.item.length > this.maxItemChars) throw this.tooLarge();
    } else if (skelFrom >= 0) {
      this.cut(text, skelFrom, n, -1);
    }
    if (this.keyCollecting && keyFrom >= 0) this.key += text.slice(keyFrom, n);
  }

  end(): JsonScanResult {
    if (this.root === undefined) throw new ImportFileError(422, 'EMPTY_FILE', 'The file is empty.');
    if (this.inString || this.depth !== 0) throw this.malformed('the file ends in the middle of the document');
    let skeleton: unknown;
    try {
      skeleton = JSON.parse(this.skeleton);
    } catch (error) {
      throw this.malformed(error instanceof Error ? error.message : 'not JSON');
    }
    return { root: this.root, skeleton, items: this.items };
  }

  /** Appends text[from, to) to the skeleton; returns where the skeleton continues (`next`). */
  private cut(text: string, from: number, to: number, next: number): number {
    if (from >= 0 && to > from) {
      this.skeleton += text.slice(from, to);
      if (this.skeleton.length > this.maxItemChars) throw this.tooLarge();
    }
    return next;
  }

  private malformed(what: string): ImportFileError {
    return new ImportFileError(422, 'MALFORMED_JSON', `The file is not valid JSON: ${what}.`);
  }

  private tooLarge(): ImportFileError {
    return new ImportFileError(
      422,
      'ITEM_TOO_LARGE',
      `One item of the file is larger than ${Math.round(this.maxItemChars / 1_048_576)} MB.`,
    );
  }

  private wrongRoot(c: number): ImportFileError {
    if (c !== OPEN_ARRAY && c !== OPEN_OBJECT) {
      return new ImportFileError(
        422,
        'WRONG_FORMAT',
        'The file is not JSON (it does not start with { or [): choose the CSV format for a spreadsheet export.',
      );
    }
    return new ImportFileError(
      422,
      'WRONG_FORMAT',
      this.allowRoot === 'array'
        ? 'Expected a JSON array (a list of records), but the file holds a single object.'
        : 'Expected a JSON object (a GeoJSON FeatureCollection), but the file holds an array.',
    );
  }
}
