import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE, createdAt } from './common';

export function createCommentEntity() {
  return new Entity(
    {
      model: { entity: 'comment', version: '1', service: SERVICE },
      attributes: {
        photoId: { type: 'string', required: true, readOnly: true },
        commentId: { type: 'string', required: true, readOnly: true },
        authorId: { type: 'string', required: true, readOnly: true },
        body: { type: 'string', required: true, readOnly: true },
        // The photo's owner, carried so the stream consumer (activity feed) needs no read.
        photoOwnerId: { type: 'string', required: true, readOnly: true },
        // The API request that wrote it: the stream consumers' correlation id. Never shown to clients.
        requestId: { type: 'string', readOnly: true },
        createdAt,
      },
      indexes: {
        // Comments live in their photo's partition; newest first = reverse query on the ULID.
        byPhoto: {
          pk: { field: keys.table.pk, composite: ['photoId'] },
          sk: { field: keys.table.sk, composite: ['commentId'] },
        },
        // A user's comments on any photo, newest first: what account erasure and data export walk.
        // On gsi1, which projects every attribute (gsi2 projects only what photo and album reads
        // need). Comments written before this index existed carry no gsi1 keys (see README, erasure).
        byAuthor: {
          index: keys.gsi1.index,
          pk: { field: keys.gsi1.pk, composite: ['authorId'] },
          sk: { field: keys.gsi1.sk, composite: ['commentId'] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
