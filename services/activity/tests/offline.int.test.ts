// The `pnpm dev` path: the activity service built by serverless-esbuild and run by serverless-offline,
// its stream functions invoked over serverless-offline's Lambda Invoke API by the local delivery.
// Function errors come back as Lambda reports them (200 with X-Amz-Function-Error) and are retried;
// once DynamoDB answers again, the likes are counted exactly once.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type GetCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { buildLikePhoto } from '@gallery/core/access/likes';
import { buildAddPhoto, buildGetPhoto } from '@gallery/core/access/photos';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '@gallery/local-stack/credentials';
import { startOffline, type OfflineService } from '@gallery/local-stack/offline';
import { freePort } from '@gallery/local-stack/ports';
import { createTable, deleteTable } from '@gallery/local-stack/provision';
import type { StreamDelivery } from '@gallery/local-stack/streams/delivery';
import { httpInvoker } from '@gallery/local-stack/streams/invoke';
import { startServiceStreams } from '@gallery/local-stack/streams/service';
import { startChaosProxy, type ChaosProxy } from '@gallery/testing/chaos-proxy';
import path from 'node:path';

const endpoint = process.env.DYNAMODB_ENDPOINT as string;
const tableName = `activity-offline-${randomUUID().slice(0, 8)}`;
const direct = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  { marshallOptions: { removeUndefinedValues: true } },
);
let offline: OfflineService;
let proxy: ChaosProxy;
let streams: StreamDelivery;

beforeAll(async () => {
  // Request shapes are built with this process's entities: point them at the test's table.
  process.env.TABLE_NAME = tableName;
  await createTable({ endpoint, tableName });
  proxy = await startChaosProxy(endpoint);
  offline = await startOffline({
    service: 'activity',
    httpPort: await freePort(),
    lambdaPort: await freePort(),
    // The functions reach DynamoDB through the proxy, so the test can take it away.
    env: {
      ...(process.env as Record<string, string>),
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: proxy.endpoint,
    },
  });
  streams = await startServiceStreams({
    serviceDir: path.resolve(__dirname, '..'),
    endpoint,
    tableName,
    invoke: httpInvoker(offline.lambdaEndpoint),
    log: () => undefined,
  });
}, 180_000);

afterAll(async () => {
  await streams?.stop();
  await offline?.stop();
  await proxy?.close();
  direct.destroy();
  await deleteTable({ endpoint, tableName });
});

it('counts likes through serverless-offline, retrying the function errors it reports', async () => {
  const { photo, transaction } = buildAddPhoto({
    albumId: '01J9Z3K6Q0R4T8V2X6Z0B4D8F3',
    ownerId: 'owner',
    contentType: 'image/png',
    size: 1,
  });
  // The photo alone (its album's counter is not this test's business).
  const [put] = (transaction.params() as { TransactItems: [{ Put: Record<string, unknown> }] }).TransactItems;
  await direct.send(new TransactWriteCommand({ TransactItems: [{ Put: put.Put as never }] }));

  // DynamoDB unreachable for the functions: every invocation fails, and is retried.
  proxy.set({ refuse: 1, cutResponse: 0 });
  for (let i = 0; i < 5; i++) {
    await direct.send(
      new PutCommand(
        buildLikePhoto({
          photoId: photo.photoId,
          userId: `fan-${i}`,
          photoOwnerId: 'owner',
        }).params() as never,
      ),
    );
  }
  const deadline = Date.now() + 60_000;
  while ((streams.stats()['gallery-activity-dev-applyReactions']?.functionErrors ?? 0) < 2) {
    if (Date.now() > deadline)
      throw new Error(`no function error reported: ${JSON.stringify(streams.stats())}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  proxy.set({ refuse: 0, cutResponse: 0 });
  await streams.settled({ timeoutMs: 90_000 });

  const { Item } = await direct.send(
    new GetCommand({ ...(buildGetPhoto(photo.photoId).params() as GetCommandInput), ConsistentRead: true }),
  );
  expect(Item).toMatchObject({ likeCount: 5, commentCount: 0 });
  expect(streams.discarded).toEqual([]);
  expect(streams.stats()['gallery-activity-dev-applyReactions']).toMatchObject({ delivered: 5 });
}, 180_000);
