// The erasure workflow when things go wrong, for real: DynamoDB cut off (a TCP proxy between the
// task functions and DynamoDB Local refuses connections) while a step runs. A short outage is
// retried by the state machine (Retry with backoff) and the erasure completes; an outage that
// outlasts every retry fails the execution visibly (its record says failed, and why), and running
// the erasure again finishes the job.
import { requestErasure, getErasure, newErasureId } from '@gallery/core/access/erasures';
import { createAlbum } from '@gallery/core/access/albums';
import { likePhoto } from '@gallery/core/access/likes';
import { addComment } from '@gallery/core/access/comments';
import { addPhoto, getPhoto } from '@gallery/core/access/photos';
import { getUser, registerUser } from '@gallery/core/access/users';
import { listGivenLikes, listOwnPhotoIds } from '@gallery/core/access/user-data';
import { NotFoundError } from '@gallery/core/errors';
import { FaultProxy } from '@gallery/local-stack/fault-proxy';
import { closeAccountClients, createSignedInAccount } from '@gallery/local-stack/users';
import type { TaskInvoker } from '@gallery/local-stack/stepfunctions/runner';
import { startLocalWorkflows, type LocalWorkflows } from '@gallery/testing/local-workflows';
import path from 'node:path';
import { resumeRequest } from '../scripts/resume-erasure';

const SERVICE_DIR = path.resolve(__dirname, '..');
const upstream = Number(new URL(process.env.DYNAMODB_ENDPOINT ?? 'http://x:1').port);
const proxy = new FaultProxy(() => upstream);

/** Which functions run with DynamoDB cut off, and for how many of their invocations. */
const outages = new Map<string, number>();

/** Each invocation of a function in `outages` runs with the proxy closed, which it reopens after. */
const withOutages =
  (invoke: TaskInvoker): TaskInvoker =>
  async (fn, input) => {
    const left = outages.get(fn.key) ?? 0;
    if (left === 0) return invoke(fn, input);
    outages.set(fn.key, left - 1);
    await proxy.close();
    try {
      return await invoke(fn, input);
    } finally {
      await proxy.listen(proxy.port);
    }
  };

let workflows: LocalWorkflows;

beforeAll(async () => {
  await proxy.listen();
  // The core client singleton is created on first use, after this: every task talks through the proxy.
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${proxy.port}`;
  workflows = await startLocalWorkflows({ serviceDir: SERVICE_DIR, wrap: withOutages });
}, 120_000);

afterAll(async () => {
  await workflows?.close();
  await proxy.close();
  closeAccountClients();
});

/** A Cognito user with a profile, an album of `photos` photos, and a like and a comment on a photo of `on`. */
async function seedUser(photos: number, on?: string) {
  const account = await createSignedInAccount();
  const handle = `f_${account.sub.replace(/-/g, '').slice(0, 12)}`;
  await registerUser({ userId: account.sub, email: account.email, handle, displayName: 'Fault' });
  const album = await createAlbum({ ownerId: account.sub, title: 'faults', visibility: 'public' });
  const ids: string[] = [];
  for (let i = 0; i < photos; i++) {
    ids.push(
      (await addPhoto({ albumId: album.albumId, ownerId: account.sub, contentType: 'image/png', size: 10 }))
        .photoId,
    );
  }
  if (on) {
    const photoOwnerId = (await getPhoto(on)).ownerId;
    await likePhoto({ photoId: on, photoOwnerId, userId: account.sub });
    await addComment({ photoId: on, photoOwnerId, authorId: account.sub, body: 'hi' });
  }
  return { userId: account.sub, username: account.email, photoIds: ids };
}

async function erase(user: { userId: string; username: string }, erasureId: string, name = erasureId) {
  const input = { erasureId, userId: user.userId, username: user.username };
  const started = workflows.sfn.startExecution({
    stateMachineArn: workflows.arn('erasure'),
    name,
    input: JSON.stringify(input),
  });
  return workflows.waitFor(started.executionArn);
}

async function nothingLeft(userId: string): Promise<void> {
  await expect(getUser(userId)).rejects.toBeInstanceOf(NotFoundError);
  expect((await listOwnPhotoIds(userId)).items).toEqual([]);
  expect((await listGivenLikes(userId)).items).toEqual([]);
}

describe('erasure with DynamoDB cut off', () => {
  it('retries a step whose database went away, with backoff, and completes', async () => {
    const other = await seedUser(1);
    const user = await seedUser(3, other.photoIds[0]);
    const erasureId = newErasureId();
    await requestErasure({ erasureId, ...user });
    outages.set('erasePhotoBatch', 2);

    const execution = await erase(user, erasureId);

    expect(execution.status).toBe('SUCCEEDED');
    expect(execution.events.filter((e) => e.startsWith('StateRetried ErasePhotoBatch'))).toHaveLength(2);
    expect(await getErasure(erasureId)).toMatchObject({
      status: 'completed',
      attempts: 1,
      progress: { photos: 3 },
    });
    await nothingLeft(user.userId);
  });

  it('fails visibly when the outage outlasts every retry, and finishes when run again', async () => {
    const user = await seedUser(2);
    const erasureId = newErasureId();
    await requestErasure({ erasureId, ...user });
    // The Retry of erasure.yml: the attempt and 6 retries.
    outages.set('eraseAlbums', 7);

    const failed = await erase(user, erasureId);

    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('UnavailableError');
    expect(failed.events.filter((e) => e.startsWith('StateRetried EraseAlbums'))).toHaveLength(6);
    expect(failed.events).toContain('StateCaught EraseAlbums → RecordFailure');
    const recorded = await getErasure(erasureId);
    // The step is the last one that could write the record: the albums step never reached it.
    expect(recorded).toMatchObject({
      status: 'failed',
      step: 'photos',
      failure: { error: 'UnavailableError' },
    });
    expect(recorded.failure?.cause).toContain('UnavailableError');
    // What came before the failing step is done; the profile is still there.
    expect((await listOwnPhotoIds(user.userId)).items).toEqual([]);
    await expect(getUser(user.userId)).resolves.toMatchObject({ userId: user.userId });

    // As an operator would: `pnpm erasure:resume <erasureId>` (the request it sends).
    const resume = await resumeRequest(erasureId);
    expect(resume.name).toBe(`${erasureId}-2`);
    const rerun = workflows.sfn.startExecution({ stateMachineArn: workflows.arn('erasure'), ...resume });
    const again = await workflows.waitFor(rerun.executionArn);

    expect(again.status).toBe('SUCCEEDED');
    expect(await getErasure(erasureId)).toMatchObject({ status: 'completed', attempts: 2 });
    await nothingLeft(user.userId);
  });

  it('does nothing when an erasure that completed is run again', async () => {
    const user = await seedUser(0);
    const erasureId = newErasureId();
    await requestErasure({ erasureId, ...user });
    expect((await erase(user, erasureId)).status).toBe('SUCCEEDED');

    const late = await erase(user, erasureId, `${erasureId}-late`);

    expect(late.status).toBe('FAILED');
    expect(late.error).toBe('ErasureCompletedError');
    expect(await getErasure(erasureId)).toMatchObject({ status: 'completed', attempts: 1 });
  });
});
