import { startMediaCdn, type MediaCdn } from '../media-cdn';
import { startLocalStack, type LocalStack } from '../stack';

declare global {
  var __galleryLocalStack: LocalStack | undefined;
  var __galleryMediaCdn: MediaCdn | undefined;
}

// One set of emulators per `jest` run, on free ports, so two runs at once do
// not collide. Workers are forked after this and inherit the environment.
export default async function globalSetup(): Promise<void> {
  const stack = await startLocalStack({ tableName: 'gallery-test', bucketName: 'gallery-media-test' });
  globalThis.__galleryLocalStack = stack;
  Object.assign(process.env, stack.env);
  // The media distribution in front of s3rver; its Lambda@Edge handler runs in this process.
  const cdn = await startMediaCdn({ s3Endpoint: stack.s3.endpoint, bucket: stack.bucketName });
  globalThis.__galleryMediaCdn = cdn;
  Object.assign(process.env, cdn.env);
}
