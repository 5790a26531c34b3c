// One correlation id from the API to S3 to the table's stream: the id API Gateway gives a request
// (the `apigw-requestid` answer header) is on every line the request's function writes, is recorded
// on the items it creates, and is the correlation id of the functions that work on them later: the
// thumbnail function (an S3 notification, once it has read the photo) and the activity service's
// stream consumers (from the records' images). Everything runs for real, as Lambda would run it (logs
// at DEBUG, captured): the api over HTTP, s3rver's notifications to the thumbnail handler, the local
// stream delivery (Lambda's semantics) to the activity functions, on a table of this file's own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { S3Event } from 'aws-lambda';
import { captureStdout, loadObserved, type Captured, type Json } from '@gallery/lambda/testing/capture';
import { createBucket, createTable, deleteTable } from '@gallery/local-stack/provision';
import { startS3rver } from '@gallery/local-stack/s3';
import { lambdaContext } from '@gallery/local-stack/lambda-context';
import { startServiceStreams } from '@gallery/local-stack/streams/service';
import { startLocalHttpServer } from '@gallery/testing/local-http';
import { call, closeCognito, signUp, TINY_PNG, SERVICE_DIR } from './support';

const ACTIVITY = path.resolve(SERVICE_DIR, '../activity');
const THUMBNAIL = path.resolve(SERVICE_DIR, '../media/src/functions/thumbnail/handler');
const TABLE = `correlation-${randomUUID().slice(0, 8)}`;
const BUCKET = 'gallery-correlation';

let output: Captured;
let server: Server | undefined;

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  closeCognito();
  await deleteTable({ endpoint: process.env.DYNAMODB_ENDPOINT ?? '', tableName: TABLE });
});

const linesWith = (id: string): Json[] => output.logs().filter((entry) => entry.correlation_id === id);

it('follows one API request id from the api to the thumbnail function and to the stream consumers', async () => {
  const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
  await createTable({ endpoint, tableName: TABLE });
  process.env.TABLE_NAME = TABLE;
  output = captureStdout();
  let upload = '';
  let like = '';
  try {
    await loadObserved(async () => {
      // S3 notifications → the thumbnail handler, as the bucket's trigger does on AWS.
      const runs: Promise<unknown>[] = [];
      const { handler: thumbnail } = jest.requireActual<{
        handler: (e: S3Event, c: unknown) => Promise<unknown>;
      }>(THUMBNAIL);
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as S3Event;
          runs.push(
            thumbnail(
              event,
              lambdaContext('gallery-media-local-thumbnail', { deadline: Date.now() + 60_000 }),
            ).catch(() => undefined),
          );
          res.writeHead(202).end();
        });
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const s3rver = await startS3rver({
        eventTarget: `http://127.0.0.1:${(server?.address() as AddressInfo).port}/`,
        eventPrefix: 'uploads/',
      });
      const api = await startLocalHttpServer({ serviceDir: SERVICE_DIR });
      const streams = await startServiceStreams({
        serviceDir: ACTIVITY,
        endpoint,
        tableName: TABLE,
        invoke: 'in-process',
      });
      try {
        await createBucket({ endpoint: s3rver.endpoint, bucketName: BUCKET });
        Object.assign(process.env, {
          S3_ENDPOINT: s3rver.endpoint,
          BUCKET_NAME: BUCKET,
          PUBLIC_BASE_URL: api.url,
        });
        const [owner, fan] = await Promise.all([signUp('corr'), signUp('corr')]);
        const album = await call(api, 'POST', '/v1/albums', {
          token: owner.token,
          body: { title: 'Correlated', visibility: 'public' },
        });
        const created = await call(api, 'POST', `/v1/albums/${album.body.albumId}/photos`, {
          token: owner.token,
          body: { contentType: 'image/png', size: TINY_PNG.length },
        });
        upload = created.headers.get('apigw-requestid') ?? '';
        const put = await fetch(created.body.upload.url, {
          method: 'PUT',
          headers: created.body.upload.headers,
          body: TINY_PNG,
        });
        expect(put.status).toBe(200);
        const photoId = created.body.photo.photoId;
        // Wait for the notification's invocation without calling the api meanwhile: here every
        // function shares one process, and so one logger (on Lambda, each has its own).
        for (let i = 0; i < 300 && runs.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
        await Promise.all(runs);
        const photo = await call(api, 'GET', `/v1/photos/${photoId}`, { token: owner.token });
        expect(photo.body.status).toBe('ready');
        const liked = await call(api, 'PUT', `/v1/photos/${photoId}/like`, { token: fan.token });
        expect(liked.status).toBe(200);
        like = liked.headers.get('apigw-requestid') ?? '';
        await streams.settled();
        expect((await call(api, 'DELETE', `/v1/photos/${photoId}`, { token: owner.token })).status).toBe(204);
        await streams.settled();
      } finally {
        await streams.stop();
        await api.close();
        await s3rver.stop();
      }
    });
  } finally {
    output.restore();
  }

  expect(upload).not.toBe('');
  expect(like).not.toBe('');
  // The API function's own lines.
  expect(linesWith(upload)).toContainEqual(
    expect.objectContaining({ message: 'request answered', route: 'POST /v1/albums/{albumId}/photos' }),
  );
  // The thumbnail function, from the S3 notification, once it has read the photo.
  expect(linesWith(upload)).toContainEqual(
    expect.objectContaining({ message: 'upload ready', function_name: 'gallery-media-local-thumbnail' }),
  );
  // The like's stream record carries its request id to the activity service's batch line.
  const batches = output.logs().filter((entry) => entry.message === 'batch applied');
  expect(batches.some((entry) => (entry.correlation_ids as string[]).includes(like))).toBe(true);
  // The photo's REMOVE record names the request that created it.
  expect(output.logs()).toContainEqual(
    expect.objectContaining({ message: 'deleted photo', record_correlation_id: upload }),
  );
});
