export default async function globalTeardown(): Promise<void> {
  await globalThis.__galleryMediaCdn?.stop();
  globalThis.__galleryMediaCdn = undefined;
  await globalThis.__galleryStreams?.stop();
  globalThis.__galleryStreams = undefined;
  await globalThis.__galleryLocalStack?.stop();
  globalThis.__galleryLocalStack = undefined;
}
