import { randomUUID } from 'node:crypto';
import { must, type WalkDetail, type WalkSummary } from '@lagesbild/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_JPEG,
  PLANTED,
  containsText,
  jpegDeclaring,
  jpegMetadata,
  jpegWithMetadata,
  pngChunkTypes,
  pngDeclaring,
  pngWithMetadata,
  webpChunks,
  webpDeclaring,
  webpWithMetadata,
} from '../support/images';
import { IN_CENTRUM, createWalkWorld, type WalkWorld } from '../support/walk-world';
import { useWorld } from '../support/use-world';

/**
 * Photos of a walk's stops: stored once per id with every piece of metadata that could give a
 * place or a person away removed, and refused clearly when they are not images or too many.
 */

const world = useWorld(createWalkWorld);

describe('stop photos', () => {
  let walk: WalkSummary;
  let stopId: string;
  const photoUrl = (photoId: string, stop = stopId) => `/api/walks/${walk.id}/stops/${stop}/photos/${photoId}`;
  const upload = (photoId: string, bytes: Buffer, type = 'image/jpeg', who: Parameters<WalkWorld['request']>[0] = 'coordinator') =>
    world.request(who, 'PUT', photoUrl(photoId), bytes, { 'content-type': type });

  beforeAll(async () => {
    walk = await world.newWalk({ title: 'Fotovandring' });
    stopId = randomUUID();
    expect((await world.putStop(walk.id, stopId, { ...IN_CENTRUM, ratings: { lighting: 1 } })).statusCode).toBe(201);
  });

  it('stores a JPEG without its EXIF, GPS, XMP, IPTC or comments, and serves it to staff', async () => {
    const photoId = randomUUID();
    const planted = jpegWithMetadata();
    expect(jpegMetadata(planted).gps).toBe(true);
    const res = await upload(photoId, planted);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ id: photoId, contentType: 'image/jpeg', width: 120, height: 90, bytes: BASE_JPEG.length });
    expect(res.json().removed).toEqual(expect.arrayContaining(['EXIF', 'XMP', 'IPTC', 'comment']));

    // Straight from the database: what is stored has nothing left to give a place away.
    const row = await world.t.app.db
      .selectFrom('walk_photo')
      .select(['bytes', 'size', 'sha256'])
      .where('client_id', '=', photoId)
      .executeTakeFirstOrThrow();
    const stored = Buffer.from(row.bytes);
    expect(jpegMetadata(stored)).toEqual({ exifTags: [], gps: false, xmp: false, iptc: false, comment: false, orientation: null });
    for (const text of PLANTED) expect(containsText(stored, text), text).toBe(false);

    const served = await world.request('official', 'GET', photoUrl(photoId));
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.compare(served.rawPayload, stored)).toBe(0);
    expect(served.headers['cache-control']).toBe('no-store');

    const detail = (await world.request('official', 'GET', `/api/walks/${walk.id}`)).json<WalkDetail>();
    expect(detail.stops[0]?.photos.map((p) => p.id)).toEqual([photoId]);
  });

  it('stores a repeated upload once, and refuses another photo under the same id', async () => {
    const photoId = randomUUID();
    expect((await upload(photoId, jpegWithMetadata(6))).statusCode).toBe(201);
    const again = await upload(photoId, jpegWithMetadata(6));
    expect(again.statusCode).toBe(200);
    const other = await upload(photoId, pngWithMetadata(), 'image/png');
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toBe('PHOTO_CONFLICT');
    const rows = await world.t.app.db.selectFrom('walk_photo').select('bytes').where('client_id', '=', photoId).execute();
    expect(rows).toHaveLength(1);
    // Only the orientation survives, so the portrait photo still stands upright.
    expect(jpegMetadata(Buffer.from(must(rows[0], 'the stored photo').bytes))).toMatchObject({
      exifTags: [0x0112],
      orientation: 6,
      gps: false,
    });
  });

  it('strips PNG text chunks and WebP EXIF/XMP too', async () => {
    const png = await upload(randomUUID(), pngWithMetadata(), 'image/png');
    expect(png.statusCode).toBe(201);
    const webp = await upload(randomUUID(), webpWithMetadata(), 'image/webp');
    expect(webp.statusCode).toBe(201);
    const stored = await world.t.app.db
      .selectFrom('walk_photo')
      .select(['client_id', 'content_type', 'bytes'])
      .where('client_id', 'in', [png.json().id, webp.json().id])
      .execute();
    for (const row of stored) {
      const bytes = Buffer.from(row.bytes);
      for (const text of PLANTED) expect(containsText(bytes, text), `${row.content_type} ${text}`).toBe(false);
      if (row.content_type === 'image/png') expect(pngChunkTypes(bytes)).not.toEqual(expect.arrayContaining(['eXIf']));
      if (row.content_type === 'image/webp') expect(webpChunks(bytes).fourccs).not.toContain('EXIF');
    }
  });

  it('refuses what is not an image (415) and what is too large (413), clearly', async () => {
    const text = await upload(randomUUID(), Buffer.from('<html><body>hello</body></html>'), 'image/jpeg');
    expect(text.statusCode).toBe(415);
    expect(text.json()).toMatchObject({ error: 'NOT_AN_IMAGE', message: 'The file is not a JPEG, PNG or WebP image.' });
    const pdf = await upload(randomUUID(), Buffer.from('%PDF-1.7\n'), 'application/pdf');
    expect(pdf.statusCode).toBe(415);
    const cut = await upload(randomUUID(), BASE_JPEG.subarray(0, 600), 'image/jpeg');
    expect(cut.statusCode).toBe(422);
    expect(cut.json().error).toBe('UNREADABLE_IMAGE');

    const huge = Buffer.concat([BASE_JPEG.subarray(0, BASE_JPEG.length - 2), Buffer.alloc(8 * 1024 * 1024), Buffer.from([0xff, 0xd9])]);
    const big = await upload(randomUUID(), huge);
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('PHOTO_TOO_LARGE');
    expect(big.json().message).toMatch(/^The photo is 8\.0 MB; a photo may be at most 8 MB\.$/);

    const count = await world.t.app.db
      .selectFrom('walk_photo')
      .innerJoin('walk_stop', 'walk_stop.id', 'walk_photo.stop_id')
      .select('walk_photo.id')
      .where('walk_stop.client_id', '=', stopId)
      .execute();
    expect(count.length).toBe(5 - 1); // the four stored by the tests above
  });

  it('refuses an image that declares more than 40 megapixels (422), before anything decodes it', async () => {
    const bombs = [
      [pngDeclaring(30000, 30000), 'image/png'],
      [jpegDeclaring(30000, 30000), 'image/jpeg'],
      [webpDeclaring(16000, 16000), 'image/webp'],
    ] as const;
    for (const [bytes, type] of bombs) {
      expect(bytes.length).toBeLessThan(4096);
      const res = await upload(randomUUID(), bytes, type);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({ error: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/at most 40 megapixels/) });
    }
    const stored = await world.t.app.db.selectFrom('walk_photo').select('width').where('width', '>', 10_000).execute();
    expect(stored).toEqual([]);
  });

  it('takes at most five photos per stop and needs the stop to exist', async () => {
    expect((await upload(randomUUID(), BASE_JPEG)).statusCode).toBe(201);
    const sixth = await upload(randomUUID(), BASE_JPEG);
    expect(sixth.statusCode).toBe(422);
    expect(sixth.json().error).toBe('TOO_MANY_PHOTOS');
    const orphan = await world.request('coordinator', 'PUT', photoUrl(randomUUID(), randomUUID()), BASE_JPEG, {
      'content-type': 'image/jpeg',
    });
    expect(orphan.statusCode).toBe(404);
    expect(orphan.json().error).toBe('STOP_NOT_FOUND');
  });
});
