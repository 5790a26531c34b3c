import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE, counter, createdAt, updatedAt, version } from './common';

export const PHOTO_STATUSES = ['pending', 'ready', 'failed'] as const;
export type PhotoStatus = (typeof PHOTO_STATUSES)[number];

/** The attributes whose change is an edit of the photo (all that can change but its counters). */
export const PHOTO_EDITED_ATTRIBUTES = [
  'status',
  'failureReason',
  'caption',
  'width',
  'height',
  'renditions',
  'version',
] as const;

export function createPhotoEntity() {
  return new Entity(
    {
      model: { entity: 'photo', version: '1', service: SERVICE },
      attributes: {
        photoId: { type: 'string', required: true, readOnly: true },
        albumId: { type: 'string', required: true, readOnly: true },
        ownerId: { type: 'string', required: true, readOnly: true },
        status: { type: PHOTO_STATUSES, required: true },
        failureReason: { type: 'string' },
        contentType: { type: 'string', required: true, readOnly: true },
        size: { type: 'number', required: true, readOnly: true },
        caption: { type: 'string' },
        // The API request that created the photo: the correlation id of the work that follows
        // (thumbnails, stream consumers). Never shown to clients.
        requestId: { type: 'string', readOnly: true },
        objectKey: { type: 'string', required: true, readOnly: true },
        width: { type: 'number' },
        height: { type: 'number' },
        renditions: {
          type: 'list',
          items: {
            type: 'map',
            properties: {
              name: { type: 'string', required: true },
              key: { type: 'string', required: true },
              width: { type: 'number', required: true },
              height: { type: 'number', required: true },
              contentType: { type: 'string', required: true },
              bytes: { type: 'number', required: true },
            },
          },
        },
        likeCount: counter,
        commentCount: counter,
        createdAt,
        // Every change but the stream's counter updates: those rewrite the photo once per stream
        // batch, and leaving updatedAt alone keeps them out of gsi2, which projects updatedAt but not
        // the counters (table.json).
        updatedAt: { ...updatedAt, watch: PHOTO_EDITED_ATTRIBUTES },
        version,
      },
      indexes: {
        byId: {
          pk: { field: keys.table.pk, composite: ['photoId'] },
          sk: { field: keys.table.sk, composite: [] },
        },
        // Photos of an album in upload order (photoId is a ULID: id order = creation order).
        byAlbum: {
          index: keys.gsi1.index,
          pk: { field: keys.gsi1.pk, composite: ['albumId'] },
          sk: { field: keys.gsi1.sk, composite: ['photoId'] },
        },
        // A user's photos, newest first (reverse query).
        byOwner: {
          index: keys.gsi2.index,
          pk: { field: keys.gsi2.pk, composite: ['ownerId'] },
          sk: { field: keys.gsi2.sk, composite: ['photoId'] },
        },
        // Sparse "pending uploads" index for the reaper: keys exist only while
        // status = 'pending'; marking a photo ready/failed re-evaluates the
        // condition (status is a composite) and REMOVEs gsi3pk/gsi3sk.
        // Trade-off: every pending photo shares one partition value. Pending
        // rows are short-lived and written at upload rate, well under a
        // partition's 1,000 WCU; shard the pk (status#0..N) if uploads outgrow it.
        // The sort key is the ULID photoId, which orders by creation time, so
        // "pending older than T" is `gsi3sk < ulid(T)`; unlike createdAt it is
        // known to the thumbnail function (from the object key), which
        // ElectroDB needs to recompute or drop the keys on a status change.
        pending: {
          index: keys.gsi3.index,
          condition: (attr: { status?: string }) => attr.status === 'pending',
          pk: { field: keys.gsi3.pk, composite: ['status'] },
          sk: { field: keys.gsi3.sk, composite: ['photoId'] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
