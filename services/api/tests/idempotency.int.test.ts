// Idempotent creates over HTTP, against the idempotency store in DynamoDB Local: the real handlers
// of the creating routes (POST albums, photo uploads, comments, share links; exports in
// export.int.test.ts, which runs the workflows), real tokens.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { LocalHttpServer } from '@gallery/testing/local-http';
import { harnessEnv as env } from '@gallery/local-stack/env';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import {
  call,
  closeCognito,
  signUp,
  startApi,
  unknownUlid,
  type ApiResponse,
  type TestUser,
} from './support';

let api: LocalHttpServer;
let alice: TestUser;
let bob: TestUser;
const store = new DynamoDBClient({
  region: LOCAL_REGION,
  credentials: LOCAL_CREDENTIALS,
  endpoint: env('DYNAMODB_ENDPOINT'),
});

beforeAll(async () => {
  [api, alice, bob] = await Promise.all([startApi(), signUp('idem'), signUp('idem')]);
});

afterAll(async () => {
  await api?.close();
  store.destroy();
  closeCognito();
});

const album = { title: 'Trip', visibility: 'private' };

function createAlbum(user: TestUser, key: string | undefined, body: unknown = album): Promise<ApiResponse> {
  return call(api, 'POST', '/v1/albums', {
    token: user.token,
    body,
    ...(key === undefined ? {} : { headers: { 'Idempotency-Key': key } }),
  });
}

async function myAlbums(user: TestUser): Promise<string[]> {
  const res = await call(api, 'GET', '/v1/albums?limit=100', { token: user.token });
  expect(res.status).toBe(200);
  return res.body.items.map((item: { albumId: string }) => item.albumId);
}

/** The store's records (a test may Scan: a few dozen items, this run's only). */
async function records(): Promise<Record<string, unknown>[]> {
  const out = await store.send(new ScanCommand({ TableName: env('IDEMPOTENCY_TABLE_NAME') }));
  return (out.Items ?? []).map((item) => unmarshall(item));
}

async function recordOf(predicate: (data: string) => boolean): Promise<Record<string, unknown>> {
  const found = (await records()).filter((record) => predicate(JSON.stringify(record.data ?? null)));
  expect(found).toHaveLength(1);
  return found[0] as Record<string, unknown>;
}

describe('Idempotency-Key on creates', () => {
  it('replays the first response for the same key and body, and creates once', async () => {
    const key = randomUUID();
    const first = await createAlbum(alice, key);
    const again = await createAlbum(alice, key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(await myAlbums(alice)).toEqual([first.body.albumId]);
  });

  it('refuses the same key with another body (422) and creates nothing', async () => {
    const key = randomUUID();
    const before = await myAlbums(alice);
    const first = await createAlbum(alice, key);
    const other = await createAlbum(alice, key, { ...album, title: 'Another trip' });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.body).toMatchObject({ status: 422, type: 'urn:gallery:problem:idempotency_key_reused' });
    expect((await myAlbums(alice)).sort()).toEqual([...before, first.body.albumId].sort());
  });

  it('scopes keys per caller: the same key and body from another user creates for them', async () => {
    const key = randomUUID();
    const mine = await createAlbum(alice, key);
    const theirs = await createAlbum(bob, key);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.albumId).not.toBe(mine.body.albumId);
    expect(theirs.body.ownerId).toBe(bob.userId);
  });

  it('runs concurrent duplicates once: the others answer 409 in progress or the replay', async () => {
    const user = await signUp('idem_burst');
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 8 }, () => createAlbum(user, key)));
    const created = responses.filter(
      (r) => r.status === 201 && r.headers.get('idempotent-replayed') === null,
    );
    const replayed = responses.filter(
      (r) => r.status === 201 && r.headers.get('idempotent-replayed') === 'true',
    );
    const inProgress = responses.filter((r) => r.status === 409);
    expect(created).toHaveLength(1);
    expect(replayed.length + inProgress.length).toBe(7);
    for (const r of replayed) expect(r.body).toEqual(created[0]?.body);
    for (const r of inProgress) {
      expect(r.body).toMatchObject({ type: 'urn:gallery:problem:idempotency_in_progress' });
      expect(r.headers.get('retry-after')).toBe('1');
    }
    expect(await myAlbums(user)).toEqual([created[0]?.body.albumId]);
    const profile = await call(api, 'GET', '/v1/me', { token: user.token });
    expect(profile.body.albumCount).toBe(1);
  });

  it('does not use up a key on a failed request: the same key then creates', async () => {
    const key = randomUUID();
    const share = (albumId: string) =>
      call(api, 'POST', `/v1/albums/${albumId}/shares`, {
        token: alice.token,
        body: { expiresInSeconds: 600 },
        headers: { 'Idempotency-Key': key },
      });
    const missing = await share(unknownUlid());
    expect(missing.status).toBe(404);
    // Same route and key: a record kept from the 404 would refuse these other path parameters (422).
    const albumId = (await createAlbum(alice, undefined)).body.albumId;
    const created = await share(albumId);
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
  });

  it('forgets a key after its 24 h: an expired record is replaced and the request creates again', async () => {
    const user = await signUp('idem_expiry');
    const key = randomUUID();
    const first = await createAlbum(user, key);
    const record = await recordOf((data) => data.includes(first.body.albumId));
    // Stored as a hash of the caller and key, never the key itself, with its TTL a day out.
    expect(record.id).toMatch(/^createAlbum#/);
    expect(JSON.stringify(record)).not.toContain(key);
    expect(record.status).toBe('COMPLETED');
    const day = Date.now() / 1000 + 24 * 3600;
    expect(Math.abs(Number(record.expiration) - day)).toBeLessThan(120);

    await store.send(
      new UpdateItemCommand({
        TableName: env('IDEMPOTENCY_TABLE_NAME'),
        Key: { id: { S: String(record.id) } },
        UpdateExpression: 'SET expiration = :past',
        ExpressionAttributeValues: { ':past': { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );
    const later = await createAlbum(user, key);
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.body.albumId).not.toBe(first.body.albumId);
    expect((await myAlbums(user)).sort()).toEqual([first.body.albumId, later.body.albumId].sort());
  });

  it('runs a repeat whose first invocation died (in progress past its function time)', async () => {
    const user = await signUp('idem_crash');
    const key = randomUUID();
    const first = await createAlbum(user, key);
    const record = await recordOf((data) => data.includes(first.body.albumId));
    // As the first invocation leaves it when Lambda kills it mid-way: INPROGRESS, its time up.
    await store.send(
      new UpdateItemCommand({
        TableName: env('IDEMPOTENCY_TABLE_NAME'),
        Key: { id: { S: String(record.id) } },
        UpdateExpression: 'SET #status = :inprogress, in_progress_expiration = :past REMOVE #data',
        ExpressionAttributeNames: { '#status': 'status', '#data': 'data' },
        ExpressionAttributeValues: {
          ':inprogress': { S: 'INPROGRESS' },
          ':past': { N: String(Date.now() - 1000) },
        },
      }),
    );
    const repeat = await createAlbum(user, key);
    expect(repeat.status).toBe(201);
    expect(repeat.headers.get('idempotent-replayed')).toBeNull();
    expect(await myAlbums(user)).toHaveLength(2);
  });

  it('creates on every request without the header', async () => {
    const user = await signUp('idem_none');
    await createAlbum(user, undefined);
    await createAlbum(user, undefined);
    expect(await myAlbums(user)).toHaveLength(2);
  });

  it('refuses a malformed key (422 on the header) and writes nothing', async () => {
    const user = await signUp('idem_bad');
    for (const key of ['', 'has space', 'x'.repeat(256), 'clé']) {
      const res = await createAlbum(user, key);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([{ path: 'header.idempotency-key', message: expect.any(String) }]);
    }
    expect(await myAlbums(user)).toEqual([]);
  });

  it('covers every creating route: uploads, comments and share links replay too', async () => {
    const owner = await createAlbum(alice, undefined);
    const albumId = owner.body.albumId;
    const upload = { contentType: 'image/jpeg', size: 1000 };
    const key = randomUUID();
    const photo = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
      token: alice.token,
      body: upload,
      headers: { 'Idempotency-Key': key },
    });
    const photoAgain = await call(api, 'POST', `/v1/albums/${albumId}/photos`, {
      token: alice.token,
      body: upload,
      headers: { 'Idempotency-Key': key },
    });
    expect(photo.status).toBe(201);
    expect(photoAgain.body).toEqual(photo.body);
    expect(photoAgain.headers.get('idempotent-replayed')).toBe('true');
    const photos = await call(api, 'GET', `/v1/albums/${albumId}/photos`, { token: alice.token });
    expect(photos.body.items).toHaveLength(1);

    const photoId = photo.body.photo.photoId;
    const comment = () =>
      call(api, 'POST', `/v1/photos/${photoId}/comments`, {
        token: alice.token,
        body: { body: 'once' },
        headers: { 'Idempotency-Key': key },
      });
    const [c1, c2] = [await comment(), await comment()];
    expect([c1.status, c2.status, c1.body]).toEqual([201, 201, c2.body]);
    const comments = await call(api, 'GET', `/v1/photos/${photoId}/comments`, { token: alice.token });
    expect(comments.body.items).toHaveLength(1);

    const share = () =>
      call(api, 'POST', `/v1/albums/${albumId}/shares`, {
        token: alice.token,
        body: { expiresInSeconds: 600 },
        headers: { 'Idempotency-Key': key },
      });
    const [s1, s2] = [await share(), await share()];
    expect(s2.body.token).toBe(s1.body.token);
    const shares = await call(api, 'GET', `/v1/albums/${albumId}/shares`, { token: alice.token });
    expect(shares.body.items).toHaveLength(1);
    // One key, three routes: each route keeps its own record of it.
    expect((await recordOf((data) => data.includes(s1.body.token))).id).toMatch(/^createShareLink#/);
    expect((await recordOf((data) => data.includes(c1.body.commentId))).id).toMatch(/^addComment#/);
    const photoRecord = await recordOf(
      (data) => data.includes(`"photoId":"${photoId}"`) && data.includes('upload'),
    );
    expect(photoRecord.id).toMatch(/^createPhotoUpload#/);
  });
});
