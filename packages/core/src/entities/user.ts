import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE, counter, createdAt, updatedAt, version } from './common';

export function createUserEntity() {
  return new Entity(
    {
      model: { entity: 'user', version: '1', service: SERVICE },
      attributes: {
        userId: { type: 'string', required: true, readOnly: true },
        email: { type: 'string', required: true },
        handle: { type: 'string', required: true, readOnly: true },
        displayName: { type: 'string', required: true },
        bio: { type: 'string' },
        albumCount: counter,
        createdAt,
        updatedAt,
        version,
      },
      indexes: {
        byId: {
          pk: { field: keys.table.pk, composite: ['userId'] },
          sk: { field: keys.table.sk, composite: [] },
        },
        // "user by handle": one Query on gsi1 (limit 1). The Handle item is the
        // uniqueness guard; this index is the read path.
        byHandle: {
          index: keys.gsi1.index,
          pk: { field: keys.gsi1.pk, composite: ['handle'] },
          sk: { field: keys.gsi1.sk, composite: [] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
