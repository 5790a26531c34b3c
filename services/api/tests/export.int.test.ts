// Data export end to end: POST /v1/me/exports on the api, the export state machine of
// services/workflows run locally from its real definition, the archive streamed to s3rver, and
// GET /v1/me/exports/{id} handing its owner a download URL that expires. The archive is read back
// with yauzl and compared with what the user has.
import { getExport } from '@gallery/core/access/exports';
import yauzl from 'yauzl';
import { exportDownloadUrl, EXPORT_URL_TTL_SECONDS } from '../src/lib/s3';
import { onlyNewExecution, seedAlbum, useAccountStack } from './account-support';
import { TINY_PNG, call, signUp, type TestUser } from './support';

const stack = useAccountStack();

/** Every entry of a zip archive, by name. */
function unzip(archive: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(archive, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const json = (entries: Map<string, Buffer>, name: string) =>
  JSON.parse((entries.get(`gallery-export/${name}`) ?? Buffer.from('null')).toString('utf8'));

describe('POST /v1/me/exports', () => {
  let owner: TestUser;
  let stranger: TestUser;
  let exportId: string;
  let seeded: Awaited<ReturnType<typeof seedAlbum>>[];
  let strangersPhoto: string;

  beforeAll(async () => {
    [owner, stranger] = await Promise.all([signUp('exp'), signUp('exp')]);
    seeded = await Promise.all([
      seedAlbum(stack.api, owner, { ready: 2, pending: 1, visibility: 'public' }),
      seedAlbum(stack.api, owner, { ready: 1, pending: 0, visibility: 'private' }),
    ]);
    const theirs = await seedAlbum(stack.api, stranger, { ready: 1, pending: 0 });
    strangersPhoto = theirs.photos[0]?.photoId as string;
    expect(
      (await call(stack.api, 'PUT', `/v1/photos/${strangersPhoto}/like`, { token: owner.token })).status,
    ).toBe(200);
    const comment = await call(stack.api, 'POST', `/v1/photos/${strangersPhoto}/comments`, {
      token: owner.token,
      body: { body: 'exported words' },
    });
    expect(comment.status).toBe(201);

    const before = stack.workflows.sfn.listExecutions(stack.workflows.arn('export')).length;
    const started = await call(stack.api, 'POST', '/v1/me/exports', { token: owner.token });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({
      status: 'running',
      exportId: expect.stringMatching(/^[0-9A-Z]{26}$/),
    });
    exportId = started.body.exportId;
    expect(started.headers.get('location')).toBe(`/v1/me/exports/${exportId}`);
    expect((await onlyNewExecution(stack.workflows, 'export', before)).status).toBe('SUCCEEDED');
  }, 120_000);

  it('writes one archive whose contents match the user’s data', async () => {
    const res = await call(stack.api, 'GET', `/v1/me/exports/${exportId}`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      exportId,
      status: 'ready',
      url: expect.any(String),
      counts: { albums: 2, photos: 4, originals: 3, comments: 1, likes: 1 },
    });
    const download = await fetch(res.body.url);
    expect(download.status).toBe(200);
    const archive = Buffer.from(await download.arrayBuffer());
    expect(archive.length).toBe(res.body.bytes);
    const entries = await unzip(archive);

    expect(json(entries, 'profile.json')).toMatchObject({
      userId: owner.userId,
      handle: owner.handle,
      email: owner.email,
    });
    const albumIds = seeded.map((album) => album.albumId).sort();
    expect(
      json(entries, 'albums.json')
        .map((a: { albumId: string }) => a.albumId)
        .sort(),
    ).toEqual(albumIds);
    const photos = json(entries, 'photos.json') as Array<{
      photoId: string;
      status: string;
      original: string | null;
    }>;
    const all = seeded.flatMap((album) => album.photos);
    expect(photos.map((p) => p.photoId).sort()).toEqual(all.map((p) => p.photoId).sort());
    for (const photo of all) {
      const record = photos.find((p) => p.photoId === photo.photoId);
      expect(record?.status).toBe(photo.ready ? 'ready' : 'pending');
      expect(JSON.stringify(record)).not.toContain('uploads/');
      if (photo.ready) expect(entries.get(record?.original ?? '')).toEqual(TINY_PNG);
      else expect(record?.original).toBeNull();
    }
    expect(json(entries, 'comments.json')).toEqual([
      expect.objectContaining({ photoId: strangersPhoto, body: 'exported words' }),
    ]);
    expect(json(entries, 'likes.json')).toEqual([expect.objectContaining({ photoId: strangersPhoto })]);
    // Nothing of anyone else: the stranger's photo is only named where the owner reacted to it.
    expect([...entries.keys()].some((name) => name.includes(stranger.userId))).toBe(false);
  });

  it('is nobody else’s: another user reads a 404, and no token reads a 401', async () => {
    const other = await call(stack.api, 'GET', `/v1/me/exports/${exportId}`, { token: stranger.token });
    expect(other.status).toBe(404);
    expect((await call(stack.api, 'GET', `/v1/me/exports/${exportId}`)).status).toBe(401);
    expect((await call(stack.api, 'POST', '/v1/me/exports')).status).toBe(401);
  });

  it('hands out a URL that expires', async () => {
    const record = await getExport(owner.userId, exportId);
    const stale = await exportDownloadUrl(
      record.objectKey as string,
      new Date(Date.now() - (EXPORT_URL_TTL_SECONDS + 5) * 1000),
    );
    expect(new URL(stale.url).searchParams.get('X-Amz-Expires')).toBe(String(EXPORT_URL_TTL_SECONDS));
    const refused = await fetch(stale.url);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Request has expired');
  });
  it('starts one export for a repeated Idempotency-Key: the repeat replays the first answer', async () => {
    const before = stack.workflows.sfn.listExecutions(stack.workflows.arn('export')).length;
    const start = () =>
      call(stack.api, 'POST', '/v1/me/exports', {
        token: stranger.token,
        headers: { 'Idempotency-Key': `export-${stranger.userId}` },
      });
    const first = await start();
    const again = await start();
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect((await onlyNewExecution(stack.workflows, 'export', before)).status).toBe('SUCCEEDED');
  }, 60_000);
});
