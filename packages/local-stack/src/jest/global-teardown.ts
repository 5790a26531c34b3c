export default async function globalTeardown(): Promise<void> {
  await globalThis.__galleryLocalStack?.stop();
  globalThis.__galleryLocalStack = undefined;
}
