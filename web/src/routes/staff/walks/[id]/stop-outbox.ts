import { PHOTO_MAX_BYTES, type PutStopBody } from '@lagesbild/shared';

/**
 * Stops recorded on the phone wait here (IndexedDB, photos as bytes) until the server has them.
 * Each carries the UUID made when it was saved, and each photo its own, so sending them again
 * after a lost connection or a closed tab stores nothing twice (`PUT …/stops/:clientId` and
 * `PUT …/photos/:photoId` are idempotent). An item leaves the outbox only once the server has
 * confirmed the stop and every photo (or refused one for good).
 */
export interface QueuedPhoto {
  id: string;
  type: string;
  bytes: ArrayBuffer;
  sent: boolean;
  error?: string;
}

/** A stop as the editor hands it over, before it is queued. */
export interface NewStop {
  body: PutStopBody;
  photos: { id: string; type: string; bytes: ArrayBuffer }[];
}

export interface QueuedStop {
  clientId: string;
  walkId: string;
  body: PutStopBody;
  photos: QueuedPhoto[];
  stopSent: boolean;
  /** Why the server refused the stop (it stays on the phone until discarded). */
  error?: string;
  queuedAt: number;
}

export interface Outbox {
  /** False when the browser keeps nothing (no IndexedDB): the queue then lives only in the page. */
  durable: boolean;
  all(walkId: string): Promise<QueuedStop[]>;
  put(item: QueuedStop): Promise<void>;
  remove(clientId: string): Promise<void>;
}

const DB_NAME = 'lagesbild-walks';
const STORE = 'stops';
/** Photos kept on the phone at most, all walks together. */
export const QUEUE_MAX_BYTES = 200 * 1024 * 1024;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('an IndexedDB request failed'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'clientId' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error ?? new Error('the IndexedDB database could not be opened'));
  });
}

function memoryOutbox(): Outbox {
  const items = new Map<string, QueuedStop>();
  return {
    durable: false,
    all: (walkId) => Promise.resolve([...items.values()].filter((i) => i.walkId === walkId).sort((a, b) => a.queuedAt - b.queuedAt)),
    put: (item) => {
      items.set(item.clientId, item);
      return Promise.resolve();
    },
    remove: (clientId) => {
      items.delete(clientId);
      return Promise.resolve();
    },
  };
}

export async function openOutbox(): Promise<Outbox> {
  let db: IDBDatabase;
  try {
    db = await openDatabase();
  } catch {
    return memoryOutbox();
  }
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  // Ask the browser not to evict what waits here under storage pressure.
  void navigator.storage?.persist?.().catch(() => false);
  return {
    durable: true,
    all: async (walkId) =>
      ((await request(store('readonly').getAll())) as QueuedStop[])
        .filter((i) => i.walkId === walkId)
        .sort((a, b) => a.queuedAt - b.queuedAt),
    put: async (item) => void (await request(store('readwrite').put(item))),
    remove: async (clientId) => void (await request(store('readwrite').delete(clientId))),
  };
}

/** Whether the phone has room for this many more bytes of photos. */
export async function hasRoomFor(bytes: number, queued: number): Promise<boolean> {
  if (queued + bytes > QUEUE_MAX_BYTES) return false;
  try {
    const estimate = await navigator.storage?.estimate?.();
    if (estimate?.quota !== undefined && estimate.usage !== undefined) return estimate.quota - estimate.usage > bytes * 2;
  } catch {
    // no estimate: the limit above is the guard
  }
  return true;
}

/** A version 4 UUID, also where crypto.randomUUID is missing (pages served over plain http). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  const bytes = new DataView(b.buffer);
  bytes.setUint8(6, (bytes.getUint8(6) & 0x0f) | 0x40); // version 4
  bytes.setUint8(8, (bytes.getUint8(8) & 0x3f) | 0x80); // RFC 4122 variant
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type Sent = { kind: 'ok' } | { kind: 'offline' } | { kind: 'login' } | { kind: 'later' } | { kind: 'refused'; message: string };

async function send(url: string, init: RequestInit): Promise<Sent> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    return { kind: 'offline' };
  }
  if (response.ok) return { kind: 'ok' };
  if (response.status === 401) return { kind: 'login' };
  // Busy servers and gateways are temporary; any other refusal will not change on retry.
  if (response.status >= 500 || response.status === 429 || response.status === 408) return { kind: 'later' };
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  return { kind: 'refused', message: body.message ?? `HTTP ${response.status}` };
}

export interface SyncResult {
  /** Stops (with their photos) the server has confirmed in this round. */
  sent: number;
  /** Why the round stopped early, if it did. */
  stopped?: 'offline' | 'login' | 'later';
  /** Photos the server refused for good (their stop is stored). */
  refusedPhotos: string[];
}

/**
 * Sends what waits for one walk, oldest first: the stop, then each of its photos. Progress is
 * written back after every confirmed request, so an interrupted round resumes where it was.
 */
export async function syncWalk(outbox: Outbox, walkId: string): Promise<SyncResult> {
  let sent = 0;
  const refusedPhotos: string[] = [];
  for (const item of await outbox.all(walkId)) {
    if (item.error) continue;
    const base = `/api/walks/${encodeURIComponent(walkId)}/stops/${encodeURIComponent(item.clientId)}`;
    if (!item.stopSent) {
      const result = await send(base, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item.body) });
      if (result.kind === 'refused') {
        await outbox.put({ ...item, error: result.message });
        continue;
      }
      if (result.kind !== 'ok') return { sent, stopped: result.kind, refusedPhotos };
      item.stopSent = true;
      await outbox.put(item);
    }
    for (const photo of item.photos) {
      if (photo.sent || photo.error) continue;
      const result = await send(`${base}/photos/${encodeURIComponent(photo.id)}`, {
        method: 'PUT',
        headers: { 'content-type': photo.type },
        body: new Blob([photo.bytes], { type: photo.type }),
      });
      if (result.kind === 'refused') {
        photo.error = result.message;
        refusedPhotos.push(result.message);
      } else if (result.kind !== 'ok') return { sent, stopped: result.kind, refusedPhotos };
      else photo.sent = true;
      await outbox.put(item);
    }
    await outbox.remove(item.clientId);
    sent++;
  }
  return { sent, refusedPhotos };
}

const SHRINK_ABOVE = 1.5 * 1024 * 1024;
const MAX_SIDE = 2048;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * A photo ready to queue: small JPEG/PNG/WebP files as they are (the server strips their
 * metadata), larger ones or other formats (HEIC) redrawn at most 2048 px wide as JPEG, which also
 * turns them upright and leaves their metadata behind.
 */
export async function preparePhoto(file: File): Promise<{ bytes: ArrayBuffer; type: string } | { error: 'notImage' | 'tooLarge' }> {
  if (ACCEPTED.includes(file.type) && file.size <= SHRINK_ABOVE) return { bytes: await file.arrayBuffer(), type: file.type };
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas to shrink the photo on');
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return { error: 'notImage' };
    if (blob.size > PHOTO_MAX_BYTES) return { error: 'tooLarge' };
    return { bytes: await blob.arrayBuffer(), type: 'image/jpeg' };
  } catch {
    if (ACCEPTED.includes(file.type) && file.size <= PHOTO_MAX_BYTES) return { bytes: await file.arrayBuffer(), type: file.type };
    return { error: file.type.startsWith('image/') || ACCEPTED.includes(file.type) ? 'tooLarge' : 'notImage' };
  }
}
