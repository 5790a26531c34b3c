// Shared by the account erasure and data export tests: the api and the workflows service's state
// machines running locally (StartExecution from a handler reaches them), a user's data seeded
// through the API and S3 as a person would leave it, and the objects under a prefix.
import path from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { markPhotoReady } from '@gallery/core/access/photos';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { startLocalWorkflows, type LocalWorkflows } from '@gallery/testing/local-workflows';
import { TINY_PNG, call, closeCognito, startApi, uniqueTitle, type TestUser } from './support';

export const WORKFLOWS_DIR = path.resolve(__dirname, '..', '..', 'workflows');

export function startWorkflows(options: Omit<Parameters<typeof startLocalWorkflows>[0], 'serviceDir'> = {}) {
  return startLocalWorkflows({ serviceDir: WORKFLOWS_DIR, ...options });
}

export type Api = { url: string };

/** The api and the workflows, started before a test file's tests and stopped after them. */
export function useAccountStack(): { readonly api: LocalHttpServer; readonly workflows: LocalWorkflows } {
  const running = {} as { api: LocalHttpServer; workflows: LocalWorkflows };
  beforeAll(async () => {
    running.api = await startApi();
    running.workflows = await startWorkflows();
  }, 120_000);
  afterAll(async () => {
    await running.workflows?.close();
    await running.api?.close();
    closeCognito();
  });
  return running;
}

export interface SeededPhoto {
  photoId: string;
  albumId: string;
  ready: boolean;
}

/** An album with `ready` ready photos (upload and a rendition in S3) and `pending` pending ones. */
export async function seedAlbum(
  api: Api,
  owner: TestUser,
  options: { ready: number; pending: number; visibility?: 'public' | 'private' },
): Promise<{ albumId: string; photos: SeededPhoto[] }> {
  const album = await call(api, 'POST', '/v1/albums', {
    token: owner.token,
    body: { title: uniqueTitle('erasure'), visibility: options.visibility ?? 'public' },
  });
  expect(album.status).toBe(201);
  const albumId = album.body.albumId as string;
  const photos: SeededPhoto[] = [];
  for (let i = 0; i < options.ready + options.pending; i++) {
    const created = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
      token: owner.token,
      body: { contentType: 'image/png', size: TINY_PNG.length, caption: `photo ${i}` },
    });
    expect(created.status).toBe(201);
    const photoId = created.body.photo.photoId as string;
    const ready = i < options.ready;
    if (ready) {
      const upload = `uploads/${owner.userId}/${photoId}`;
      const thumb = `thumbnails/${owner.userId}/${photoId}/thumb.webp`;
      await put(upload, TINY_PNG, 'image/png');
      await put(thumb, TINY_PNG, 'image/webp');
      await markPhotoReady({
        photoId,
        albumId,
        width: 1,
        height: 1,
        renditions: [
          {
            name: 'thumb',
            key: thumb,
            width: 1,
            height: 1,
            contentType: 'image/webp',
            bytes: TINY_PNG.length,
          },
        ],
      });
    }
    photos.push({ photoId, albumId, ready });
  }
  return { albumId, photos };
}

export async function put(key: string, body: Buffer, contentType: string): Promise<void> {
  await s3Client().send(
    new PutObjectCommand({ Bucket: bucketName(), Key: key, Body: body, ContentType: contentType }),
  );
}

/** Every object key under `prefix`. */
export async function objectKeys(prefix: string): Promise<string[]> {
  const out = await s3Client().send(new ListObjectsV2Command({ Bucket: bucketName(), Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key ?? '');
}

/** The one execution of `stateMachine` started since `before` executions existed, once it stopped. */
export async function onlyNewExecution(workflows: LocalWorkflows, key: string, before: number) {
  const executions = workflows.sfn.listExecutions(workflows.arn(key));
  expect(executions).toHaveLength(before + 1);
  return workflows.waitFor((executions.at(-1) as { executionArn: string }).executionArn);
}

/** Polls `route` on the api until `done` says so (at most ~30 s). */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('pollUntil: gave up');
}
