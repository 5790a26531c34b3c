/**
 * `pnpm sample-image [file]`: writes a photo-like JPEG (1600 × 1200, stored sideways with an EXIF
 * orientation, as cameras do) for the README walkthrough; `photo.jpg` in the current folder unless a
 * file is named. Made with sharp, so it works the same on Linux and macOS.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { photoJpeg } from '@gallery/images/testing/fixtures';

async function main(): Promise<void> {
  // pnpm runs scripts from the repository root; INIT_CWD is where the command was typed.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2] ?? 'photo.jpg');
  const jpeg = await photoJpeg(1600, 1200);
  await writeFile(file, jpeg);
  console.log(`wrote ${file} (${jpeg.length} bytes, image/jpeg)`);
}

main().catch((err: unknown) => {
  console.error(`sample-image: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
