import { open, type FileHandle } from 'node:fs/promises';
import { PMTiles, TileType, type Source } from 'pmtiles';

/** The PMTiles archive the app serves, checked once at start-up. */
export interface BasemapArchive {
  path: string;
  size: number;
  /** Changes when the file is replaced, so a browser never mixes two archives' ranges. */
  etag: string;
}

/** Reads ranges of an open file, for the pmtiles reader that checks the header. */
function fileSource(handle: FileHandle, path: string): Source {
  return {
    getKey: () => path,
    async getBytes(offset, length) {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      const bytes = buffer.subarray(0, bytesRead);
      return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    },
  };
}

/**
 * Opens MAP_PMTILES and reads its header and root directory. Returns the archive, or the one line
 * to log when it cannot be served (missing, unreadable, not a PMTiles v3 archive, no vector tiles).
 */
export async function checkArchive(path: string): Promise<BasemapArchive | string> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return `MAP_PMTILES ${path} cannot be opened (${code}); the maps use their fallback base map`;
  }
  try {
    const stat = await handle.stat();
    const archive = new PMTiles(fileSource(handle, path));
    const header = await archive.getHeader();
    // MVT: the vector tiles the Protomaps style reads.
    if (header.tileType !== TileType.Mvt) return `MAP_PMTILES ${path} holds no vector tiles; the maps use their fallback base map`;
    // Reading tile 0/0/0 walks the root directory too, which a truncated file fails.
    await archive.getZxy(header.minZoom, 0, 0);
    return { path, size: stat.size, etag: `"${stat.size.toString(36)}-${Math.round(stat.mtimeMs).toString(36)}"` };
  } catch {
    return `MAP_PMTILES ${path} is not a readable PMTiles v3 archive; the maps use their fallback base map`;
  } finally {
    await handle.close();
  }
}

/** A byte range asked for with `Range: bytes=…`, or why it cannot be answered. */
export type ByteRange = { start: number; end: number } | 'whole' | 'unsatisfiable';

/**
 * One range of `bytes=a-b`, `bytes=a-` or `bytes=-n` (the forms the pmtiles reader sends).
 * Several ranges, other units and ranges past the end are unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return 'whole';
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return 'unsatisfiable';
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return 'unsatisfiable';
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
