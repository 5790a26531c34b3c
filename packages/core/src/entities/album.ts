import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE, counter, createdAt, updatedAt, version } from './common';

export const VISIBILITIES = ['public', 'private'] as const;

export function createAlbumEntity() {
  return new Entity(
    {
      model: { entity: 'album', version: '1', service: SERVICE },
      attributes: {
        albumId: { type: 'string', required: true, readOnly: true },
        ownerId: { type: 'string', required: true, readOnly: true },
        title: { type: 'string', required: true },
        description: { type: 'string', required: true, default: '' },
        visibility: { type: VISIBILITIES, required: true },
        // Every photo of the album (its owner's count) and the ready ones (what others see).
        photoCount: counter,
        readyPhotoCount: counter,
        coverPhotoId: { type: 'string' },
        createdAt,
        updatedAt,
        version,
      },
      indexes: {
        byId: {
          pk: { field: keys.table.pk, composite: ['albumId'] },
          sk: { field: keys.table.sk, composite: [] },
        },
        // A user's albums, newest first (reverse query).
        byOwner: {
          index: keys.gsi1.index,
          pk: { field: keys.gsi1.pk, composite: ['ownerId'] },
          sk: { field: keys.gsi1.sk, composite: ['createdAt', 'albumId'] },
        },
        // Sparse: only public albums carry gsi2 keys. `visibility` is a composite
        // so that ElectroDB re-evaluates the condition (and removes the keys)
        // whenever visibility changes.
        publicByOwner: {
          index: keys.gsi2.index,
          condition: (attr: { visibility?: string }) => attr.visibility === 'public',
          pk: { field: keys.gsi2.pk, composite: ['ownerId'] },
          sk: { field: keys.gsi2.sk, composite: ['visibility', 'albumId'] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
