import path from 'node:path';
import { startMediaCdn, type MediaCdn } from '../media-cdn';
import { startLocalStack, type LocalStack } from '../stack';
import type { StreamDelivery } from '../streams/delivery';
import { startServiceStreams } from '../streams/service';

declare global {
  var __galleryLocalStack: LocalStack | undefined;
  var __galleryStreams: StreamDelivery | undefined;
  var __galleryMediaCdn: MediaCdn | undefined;
}

const ACTIVITY_SERVICE = path.resolve(__dirname, '..', '..', '..', '..', 'services', 'activity');

// One set of emulators per `jest` run, on free ports, so two runs at once do
// not collide. Workers are forked after this and inherit the environment.
// The table's stream reaches the activity service's functions as on AWS (their
// serverless.yml mappings, run in this process): counts and the activity feed
// converge behind every test's writes. The media distribution stands in front
// of s3rver; its Lambda@Edge handler runs in this process too.
export default async function globalSetup(): Promise<void> {
  const stack = await startLocalStack({ tableName: 'gallery-test', bucketName: 'gallery-media-test' });
  globalThis.__galleryLocalStack = stack;
  Object.assign(process.env, stack.env);
  try {
    globalThis.__galleryStreams = await startServiceStreams({
      serviceDir: ACTIVITY_SERVICE,
      endpoint: stack.dynamodb.endpoint,
      tableName: stack.tableName,
      invoke: 'in-process',
      log: (line) => console.error(line),
    });
    const cdn = await startMediaCdn({ s3Endpoint: stack.s3.endpoint, bucket: stack.bucketName });
    globalThis.__galleryMediaCdn = cdn;
    Object.assign(process.env, cdn.env);
  } catch (err) {
    await globalThis.__galleryStreams?.stop();
    await stack.stop();
    throw err;
  }
}
