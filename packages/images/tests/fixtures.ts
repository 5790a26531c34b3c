// Test (and benchmark) images, generated with sharp so that no binary fixture lives in the repo.
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Left half red, right half blue: after a rotation, where the red half went tells the orientation. */
async function halves(width: number, height: number): Promise<sharp.Sharp> {
  const half = Math.floor(width / 2);
  const blue = await sharp({
    create: { width: width - half, height, channels: 3, background: { r: 0, g: 0, b: 255 } },
  })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 255, g: 0, b: 0 } } }).composite([
    { input: blue, left: half, top: 0 },
  ]);
}

/**
 * A landscape JPEG stored sideways: EXIF orientation 6 means "rotate 90° clockwise to display", so
 * it displays as a portrait of `height` × `width` with the red half on top. Carries a GPS position.
 */
export async function jpegWithOrientation(width = 1600, height = 1200): Promise<Buffer> {
  return (await halves(width, height))
    .jpeg({ quality: 85 })
    .withMetadata({
      orientation: 6,
      exif: {
        IFD0: { Make: 'GalleryTestCam' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 24/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 3/1',
        },
      },
    })
    .toBuffer();
}

/** A half-transparent PNG (alpha must survive into the WebP renditions). */
export async function pngWithAlpha(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

export async function webp(width = 1200, height = 800): Promise<Buffer> {
  return (await halves(width, height)).webp({ quality: 80 }).toBuffer();
}

export async function gif(width = 120, height = 90): Promise<Buffer> {
  return (await halves(width, height)).gif().toBuffer();
}

/** A photo-like 12-megapixel (4000 × 3000) JPEG: noise keeps the encoder and decoder honest. */
export async function photoJpeg(width = 4000, height = 3000): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .blur(1.5)
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** A real JPEG cut off in the middle of its entropy-coded data. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await photoJpeg(800, 600);
  return whole.subarray(0, Math.floor(whole.length * 0.6));
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * A decompression bomb's header: a valid PNG declaring `width` × `height` RGBA pixels (50 000 ×
 * 50 000 = 10 GB decoded) with one tiny compressed row. Hand-made: no encoder would produce it.
 */
export function pngDeclaring(width = 50_000, height = 50_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(6, 9); // colour type: RGBA
  // compression, filter and interlace methods: 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(1 + 4 * 16))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Starts like a JPEG and is `bytes` long (zeros after the marker). */
export function jpegLookalike(bytes: number): Buffer {
  const data = Buffer.alloc(bytes);
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]).copy(data);
  return data;
}

export const TEXT_FILE = Buffer.from('This is not a photo, whatever its name says.\n'.repeat(20));
