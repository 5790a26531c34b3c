import { Readable } from 'node:stream';
import sharp from 'sharp';
import {
  TEXT_FILE,
  jpegLookalike,
  jpegWithOrientation,
  photoJpeg,
  pngDeclaring,
  pngWithAlpha,
  truncatedJpeg,
} from '../tests/fixtures';
import { ImageRejectedError, OutputTooLargeError, type RejectionReason } from './errors';
import { readUpload } from './read-upload';
import {
  QUALITY_LADDER,
  RENDITIONS,
  renderImage,
  renderWidth,
  renditionBox,
  type RenditionSpec,
} from './render';
import { sniffImage } from './sniff';

const bytes = (...values: Array<number | string>): Buffer =>
  Buffer.concat(values.map((v) => (typeof v === 'string' ? Buffer.from(v, 'latin1') : Buffer.from([v]))));
const ftyp = (...brands: string[]) => {
  const box = bytes(
    0,
    0,
    0,
    8 + 4 * (brands.length + 1),
    'ftyp',
    brands[0] ?? '',
    0,
    0,
    0,
    0,
    ...brands.slice(1),
  );
  return Buffer.concat([box, Buffer.alloc(16)]);
};

async function rejection(promise: Promise<unknown>): Promise<RejectionReason> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImageRejectedError);
  return (err as ImageRejectedError).reason;
}

describe('sniffImage', () => {
  it.each([
    ['jpeg', bytes(0xff, 0xd8, 0xff, 0xe1)],
    ['png', bytes(0x89, 'PNG\r\n', 0x1a, '\n')],
    ['gif', bytes('GIF89a')],
    ['gif', bytes('GIF87a')],
    ['webp', bytes('RIFF', 0, 0, 0, 0, 'WEBPVP8 ')],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
    ['avif', ftyp('mif1', 'avif')],
  ])('accepts %s', (format, head) => {
    expect(sniffImage(head)).toEqual({ kind: 'supported', format });
  });

  it.each([
    ['heic', ftyp('heic', 'mif1')],
    ['tiff', bytes('II*', 0)],
    ['tiff', bytes('MM', 0, '*')],
    ['bmp', bytes('BM', ...Array.from({ length: 20 }, () => 0))],
    ['svg', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">')],
  ])('recognises %s as an unsupported image', (format, head) => {
    expect(sniffImage(head)).toEqual({ kind: 'unsupported', format });
  });

  it.each([
    ['text', TEXT_FILE],
    ['empty', Buffer.alloc(0)],
    ['a lone JPEG marker byte', bytes(0xff, 0xd8)],
    ['a zip archive', bytes('PK', 3, 4, 20, 0)],
    ['an mp4 video', ftyp('isom', 'mp41')],
  ])('refuses %s', (_name, head) => {
    expect(sniffImage(head)).toEqual({ kind: 'unknown' });
  });
});

describe('renditionBox', () => {
  const [thumb, medium] = RENDITIONS as [RenditionSpec, RenditionSpec];

  it('makes a square thumb no larger than the short side', () => {
    expect(renditionBox(thumb, 4000, 3000)).toEqual({ width: 256, height: 256 });
    expect(renditionBox(thumb, 300, 200)).toEqual({ width: 200, height: 200 });
  });

  it('fits the medium inside 1024 px and never upscales', () => {
    expect(renditionBox(medium, 4000, 3000)).toEqual({ width: 1024, height: 768 });
    expect(renditionBox(medium, 1200, 1600)).toEqual({ width: 768, height: 1024 });
    expect(renditionBox(medium, 300, 200)).toEqual({ width: 300, height: 200 });
    expect(renditionBox(medium, 20_000, 10)).toEqual({ width: 1024, height: 1 });
  });
});

describe('readUpload', () => {
  function trackedStream(chunks: Buffer[]) {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        for (const chunk of chunks) {
          pulled += 1;
          yield chunk;
        }
      })(),
    );
    return { stream, pulled: () => pulled };
  }

  it('returns the bytes and the sniffed format', async () => {
    const png = await pngWithAlpha(10, 10);
    const { stream } = trackedStream([png.subarray(0, 30), png.subarray(30)]);
    const read = await readUpload(stream, { maxBytes: 1_000_000 });
    expect(read.format).toBe('png');
    expect(read.data.equals(png)).toBe(true);
  });

  it('refuses a non-image after its first chunk and destroys the stream', async () => {
    const { stream, pulled } = trackedStream([TEXT_FILE, TEXT_FILE, TEXT_FILE]);
    await expect(rejection(readUpload(stream, { maxBytes: 1_000_000 }))).resolves.toBe('not_an_image');
    expect(pulled()).toBe(1);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses an object whose declared length is over the limit without reading it', async () => {
    const { stream, pulled } = trackedStream([jpegLookalike(100)]);
    await expect(rejection(readUpload(stream, { maxBytes: 99, declaredLength: 100 }))).resolves.toBe(
      'too_large',
    );
    expect(pulled()).toBe(0);
    expect(stream.destroyed).toBe(true);
  });

  it('stops reading once the limit is passed, whatever the declared length', async () => {
    const chunk = jpegLookalike(64);
    const { stream, pulled } = trackedStream([chunk, chunk, chunk, chunk]);
    await expect(rejection(readUpload(stream, { maxBytes: 100 }))).resolves.toBe('too_large');
    expect(pulled()).toBe(2);
  });

  it('calls an empty object empty', async () => {
    await expect(rejection(readUpload(Readable.from([]), { maxBytes: 100 }))).resolves.toBe('empty');
    await expect(
      rejection(readUpload(Readable.from([]), { maxBytes: 100, declaredLength: 0 })),
    ).resolves.toBe('empty');
  });
});

describe('renderImage', () => {
  it('applies EXIF orientation and strips every metadata block (GPS included)', async () => {
    const rendered = await renderImage(await jpegWithOrientation(1600, 1200), 'jpeg');
    expect({ width: rendered.width, height: rendered.height }).toEqual({ width: 1200, height: 1600 });
    const medium = rendered.renditions.find((r) => r.name === 'medium');
    expect(medium).toMatchObject({ width: 768, height: 1024, contentType: 'image/webp' });
    const meta = await sharp(medium?.data).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 768, height: 1024 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Displayed upright: the red half (the stored left) is now on top.
    const { data } = await sharp(medium?.data).raw().toBuffer({ resolveWithObject: true });
    const topLeft = [data[0], data[1], data[2]] as number[];
    expect(topLeft[0]).toBeGreaterThan(200);
    expect(topLeft[2]).toBeLessThan(60);
  });

  it('keeps transparency', async () => {
    const rendered = await renderImage(await pngWithAlpha(300, 200), 'png');
    expect(rendered.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['thumb', 200, 200],
      ['medium', 300, 200],
    ]);
    for (const rendition of rendered.renditions) {
      await expect(sharp(rendition.data).metadata()).resolves.toMatchObject({ hasAlpha: true });
    }
  });

  it('refuses a declared 50 000 × 50 000 PNG from its header alone', async () => {
    await expect(rejection(renderImage(pngDeclaring(50_000, 50_000), 'png'))).resolves.toBe(
      'too_many_pixels',
    );
  });

  it('calls a truncated JPEG corrupt', async () => {
    await expect(rejection(renderImage(await truncatedJpeg(), 'jpeg'))).resolves.toBe('corrupt');
  });
});

describe('renderWidth', () => {
  it.each(['avif', 'webp', 'jpeg'] as const)(
    'renders an upright %s of the width asked, metadata stripped',
    async (output) => {
      const rendered = await renderWidth(await jpegWithOrientation(1600, 1200), 'jpeg', {
        width: 640,
        output,
      });
      expect(rendered).toMatchObject({
        width: 640,
        height: 853,
        format: output,
        quality: QUALITY_LADDER[output][0],
      });
      expect(sniffImage(rendered.data)).toEqual({ kind: 'supported', format: output });
      const meta = await sharp(rendered.data).metadata();
      expect({
        width: meta.width,
        height: meta.height,
        exif: meta.exif,
        orientation: meta.orientation,
      }).toEqual({
        width: 640,
        height: 853,
        exif: undefined,
        orientation: undefined,
      });
    },
  );

  it('never upscales', async () => {
    const rendered = await renderWidth(await pngWithAlpha(300, 200), 'png', { width: 1600, output: 'webp' });
    expect({ width: rendered.width, height: rendered.height }).toEqual({ width: 300, height: 200 });
    await expect(sharp(rendered.data).metadata()).resolves.toMatchObject({ hasAlpha: true });
  });

  it('puts transparent areas on white in a JPEG', async () => {
    const rendered = await renderWidth(await pngWithAlpha(300, 200), 'png', { width: 320, output: 'jpeg' });
    const { data } = await sharp(rendered.data).raw().toBuffer({ resolveWithObject: true });
    // Half-transparent green over white: the red and blue channels are well above black.
    expect(data[0]).toBeGreaterThan(100);
    expect(data[2]).toBeGreaterThan(100);
  });

  it('lowers the quality until the encoding fits, and refuses when none does', async () => {
    const photo = await photoJpeg(800, 600);
    const best = await renderWidth(photo, 'jpeg', { width: 640, output: 'webp' });
    const fitted = await renderWidth(photo, 'jpeg', {
      width: 640,
      output: 'webp',
      maxBytes: best.data.length - 1,
    });
    expect(fitted.quality).toBeLessThan(best.quality);
    expect(fitted.data.length).toBeLessThan(best.data.length);
    const err = await renderWidth(photo, 'jpeg', { width: 640, output: 'webp', maxBytes: 1_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutputTooLargeError);
    expect(err).toMatchObject({ maxBytes: 1_000, bytes: expect.any(Number) });
  });

  it('applies the pixel limit from the header, as renderImage does', async () => {
    await expect(
      rejection(renderWidth(pngDeclaring(50_000, 50_000), 'png', { width: 320, output: 'webp' })),
    ).resolves.toBe('too_many_pixels');
  });

  it('calls a truncated JPEG corrupt', async () => {
    await expect(
      rejection(renderWidth(await truncatedJpeg(), 'jpeg', { width: 320, output: 'webp' })),
    ).resolves.toBe('corrupt');
  });
});
