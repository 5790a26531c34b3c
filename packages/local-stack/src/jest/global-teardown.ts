export default async function globalTeardown(): Promise<void> {
  await globalThis.__galleryStreams?.stop();
  globalThis.__galleryStreams = undefined;
  await globalThis.__galleryLocalStack?.stop();
  globalThis.__galleryLocalStack = undefined;
}
