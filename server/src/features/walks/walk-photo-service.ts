import { createHash } from 'node:crypto';
import { PHOTOS_PER_STOP_MAX, type WalkPhoto } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { ImageError, stripImageMetadata } from './image-metadata';
import * as walks from './walk-repository';
import { stopOrNotFound, walkOrNotFound } from './walk-service';
import { toPhoto, type PhotoRow } from './walk-views';

/**
 * Stores a photo of a stop once per photo id, with its EXIF/GPS/XMP/IPTC metadata removed
 * (image-metadata.ts) before anything is written.
 */
export async function putPhoto(
  db: Kysely<Database>,
  actor: Actor,
  walkId: string,
  clientId: string,
  photoId: string,
  body: Uint8Array,
): Promise<{ photo: WalkPhoto; created: boolean }> {
  await walkOrNotFound(db, actor, walkId);
  const stop = await stopOrNotFound(db, walkId, clientId);
  let stripped;
  try {
    stripped = stripImageMetadata(body);
  } catch (error) {
    if (error instanceof ImageError) {
      throw new HttpError(error.code === 'NOT_AN_IMAGE' ? 415 : 422, error.code, error.message);
    }
    throw error;
  }
  const sha256 = createHash('sha256').update(stripped.bytes).digest('hex');
  const replay = (row: PhotoRow) => {
    if (row.sha256 !== sha256) {
      throw new HttpError(409, 'PHOTO_CONFLICT', 'A different photo is already stored under this id.');
    }
    return { photo: toPhoto(row), created: false };
  };
  const existing = await walks.findPhoto(db, stop.id, photoId);
  if (existing) return replay(existing);
  if ((await walks.countPhotos(db, stop.id)) >= PHOTOS_PER_STOP_MAX) {
    throw new HttpError(422, 'TOO_MANY_PHOTOS', `A stop takes at most ${PHOTOS_PER_STOP_MAX} photos.`);
  }
  const inserted = await walks.insertPhotoOnce(db, {
    stopId: stop.id,
    clientId: photoId,
    contentType: stripped.contentType,
    bytes: stripped.bytes,
    sha256,
    width: stripped.width,
    height: stripped.height,
  });
  const row = await walks.findPhoto(db, stop.id, photoId);
  if (!row) throw new Error('photo vanished after insert');
  if (!inserted) return replay(row);
  return { photo: { ...toPhoto(row), removed: stripped.removed }, created: true };
}

export async function getPhoto(db: Kysely<Database>, actor: Actor, walkId: string, clientId: string, photoId: string) {
  await walkOrNotFound(db, actor, walkId);
  const stop = await stopOrNotFound(db, walkId, clientId);
  const photo = await walks.photoBytes(db, stop.id, photoId);
  if (!photo) throw new HttpError(404, 'PHOTO_NOT_FOUND', 'the stop has no photo with this id');
  const bytes = Buffer.from(photo.bytes.buffer, photo.bytes.byteOffset, photo.bytes.byteLength);
  return { contentType: photo.content_type, bytes };
}
