import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE } from './common';

/**
 * "This stream record has been applied by this consumer": written in the same transaction as the
 * record's effect, conditional on not existing, so a record delivered again (Lambda delivers at
 * least once) has no second effect. One partition per record (its eventID is unique), so receipts
 * spread evenly; they expire after the stream's 24 h retention, past which no record is redelivered.
 */
export function createStreamReceiptEntity() {
  return new Entity(
    {
      model: { entity: 'streamReceipt', version: '1', service: SERVICE },
      attributes: {
        eventId: { type: 'string', required: true, readOnly: true },
        consumer: { type: 'string', required: true, readOnly: true },
        // Epoch seconds; the table's TTL attribute.
        ttl: { type: 'number', required: true, readOnly: true },
      },
      indexes: {
        byEvent: {
          // eventIDs are case-sensitive on AWS (hex) and locally (UUIDs): keep them as they are.
          pk: { field: keys.table.pk, composite: ['eventId'], casing: 'none' },
          sk: { field: keys.table.sk, composite: ['consumer'] },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
