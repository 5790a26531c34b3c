import { Entity } from 'electrodb';
import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { SERVICE, createdAt } from './common';

export function createShareLinkEntity() {
  return new Entity(
    {
      model: { entity: 'shareLink', version: '1', service: SERVICE },
      attributes: {
        token: { type: 'string', required: true, readOnly: true },
        albumId: { type: 'string', required: true, readOnly: true },
        ownerId: { type: 'string', required: true, readOnly: true },
        expiresAt: { type: 'string', required: true, readOnly: true },
        // Epoch seconds; the table's TTL attribute (table.json TimeToLiveAttribute).
        ttl: { type: 'number', required: true, readOnly: true },
        createdAt,
      },
      indexes: {
        byToken: {
          // Tokens are base64url, so case-sensitive: ElectroDB lower-cases keys by default, which
          // would let every case variant of a token open the link.
          pk: { field: keys.table.pk, composite: ['token'], casing: 'none' },
          sk: { field: keys.table.sk, composite: [] },
        },
        // An owner's links to one album, newest first (reverse query). The owner is part of the
        // partition, so the list is one Query that can only ever return the caller's own links.
        byOwnerAlbum: {
          index: keys.gsi1.index,
          pk: { field: keys.gsi1.pk, composite: ['ownerId', 'albumId'] },
          sk: { field: keys.gsi1.sk, composite: ['createdAt', 'token'], casing: 'none' },
        },
      },
    },
    { table: tableName(), client: docClient() },
  );
}
