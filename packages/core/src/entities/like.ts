import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE } from './common';

export function createLikeEntity() {
  return new Entity(
    {
      model: { entity: 'like', version: '1', service: SERVICE },
      attributes: {
        photoId: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        likedAt: { type: 'string', required: true, readOnly: true },
        // The liked photo's owner, carried so the stream consumer (activity feed) needs no read.
        photoOwnerId: { type: 'string', required: true, readOnly: true },
        // The API request that wrote it: the stream consumers' correlation id. Never shown to clients.
        requestId: { type: 'string', readOnly: true },
      },
      indexes: {
        // "Has this user liked this photo" = GetItem on (photoId, userId).
        byPhoto: {
          pk: { field: keys.table.pk, composite: ['photoId'] },
          sk: { field: keys.table.sk, composite: ['userId'] },
        },
        // Photos a user liked, most recent like first.
        byUser: {
          index: keys.gsi1.index,
          pk: { field: keys.gsi1.pk, composite: ['userId'] },
          sk: { field: keys.gsi1.sk, composite: ['likedAt', 'photoId'] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
