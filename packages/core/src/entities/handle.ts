import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE, createdAt } from './common';

/** Reservation of a unique handle: written only with attribute_not_exists, inside the register transaction. */
export function createHandleEntity() {
  return new Entity(
    {
      model: { entity: 'handle', version: '1', service: SERVICE },
      attributes: {
        handle: { type: 'string', required: true, readOnly: true },
        userId: { type: 'string', required: true, readOnly: true },
        createdAt,
      },
      indexes: {
        byHandle: {
          pk: { field: keys.table.pk, composite: ['handle'] },
          sk: { field: keys.table.sk, composite: [] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
