// Integration helpers: each test file gets its own table and bucket on the shared emulators, so
// files run in parallel without seeing each other's items or objects. Core entities and the S3
// client bind to TABLE_NAME / BUCKET_NAME / S3_ENDPOINT on first use, which is after this beforeAll.
import { randomUUID } from 'node:crypto';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { buildAddPhoto } from '@gallery/core/access/photos';
import { createAlbum, type Album } from '@gallery/core/access/albums';
import { registerUser } from '@gallery/core/access/users';
import type { Photo } from '@gallery/core/access/photos';
import { createBucket, createTable, deleteTable } from '@gallery/local-stack/provision';
import type { StreamDelivery } from '@gallery/local-stack/streams/delivery';
import { startStreamFunctions } from '@gallery/testing/streams';
import { createBudget } from '../src/lib/budget';
import { s3Client } from '@gallery/lambda/s3';

export interface OwnTableAndBucket {
  tableName: string;
  bucketName: string;
  /** With `streams: true`: resolves once the stream functions applied everything written so far. */
  streamsSettled(): Promise<void>;
}

/**
 * With `streams: true` the activity service's stream functions run on the table, so likes and
 * comments are counted as they are deployed.
 */
export function useOwnTableAndBucket(label: string, options: { streams?: boolean } = {}): OwnTableAndBucket {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  const s3Endpoint = process.env.S3_ENDPOINT;
  if (!endpoint || !s3Endpoint) throw new Error('run through the integration project (harness env missing)');
  const suffix = randomUUID().slice(0, 8);
  let streams: StreamDelivery | undefined;
  const names = {
    tableName: `scheduler-${label}-${suffix}`,
    bucketName: `scheduler-${label}-${suffix}`,
    async streamsSettled() {
      if (!streams) throw new Error(`useOwnTableAndBucket('${label}') runs no stream functions`);
      await streams.settled();
    },
  };
  beforeAll(async () => {
    await createTable({ endpoint, tableName: names.tableName });
    await createBucket({ endpoint: s3Endpoint, bucketName: names.bucketName });
    process.env.TABLE_NAME = names.tableName;
    process.env.BUCKET_NAME = names.bucketName;
    if (options.streams)
      streams = await startStreamFunctions({ service: 'activity', tableName: names.tableName });
  });
  afterAll(async () => {
    await streams?.stop();
    await deleteTable({ endpoint, tableName: names.tableName });
  });
  return names;
}

/** A budget that never runs out within a test. */
export const noLimit = () => createBudget();

export function uniqueUserId(): string {
  return `u-${randomUUID()}`;
}

export async function seedUserWithAlbum(): Promise<{ userId: string; album: Album }> {
  const userId = uniqueUserId();
  await registerUser({
    userId,
    email: `${userId}@example.com`,
    handle: `h_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    displayName: 'Tester',
  });
  const album = await createAlbum({ ownerId: userId, title: 'Trip', visibility: 'private' });
  return { userId, album };
}

/** A pending photo created at `at` (its ULID carries that instant, which the pending index sorts by). */
export async function seedPendingPhoto(albumId: string, ownerId: string, at: Date): Promise<Photo> {
  const { photo, transaction } = buildAddPhoto(
    { albumId, ownerId, contentType: 'image/jpeg', size: 1000 },
    at,
  );
  const result = await transaction.go();
  if (result.canceled) throw new Error('seeding a photo failed');
  return photo;
}

export async function putObject(key: string, body = 'bytes'): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: process.env.BUCKET_NAME, Key: key, Body: body }));
}

export async function listKeys(prefix = ''): Promise<string[]> {
  const output = await s3Client().send(
    new ListObjectsV2Command({ Bucket: process.env.BUCKET_NAME, Prefix: prefix, MaxKeys: 1000 }),
  );
  return (output.Contents ?? []).map((o) => o.Key ?? '').sort();
}
