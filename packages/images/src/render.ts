// Decoding and rendering with sharp (libvips). Limits are checked from the header before any pixel
// is decoded, and enforced again by libvips itself (limitInputPixels) while decoding.
import sharp from 'sharp';
import { MAX_PHOTO_BYTES } from '@gallery/core/media-limits';
import { ImageRejectedError, OutputTooLargeError } from './errors';
import type { SupportedFormat } from './sniff';

// Each upload is decoded once per rendition and never again: libvips' operation cache would only
// hold memory across invocations of a long-lived Lambda container.
sharp.cache(false);

export interface ImageLimits {
  /** Largest object read (bytes). Default: the upload limit the API's presigned request binds. */
  maxBytes: number;
  /** Largest width × height decoded. */
  maxPixels: number;
}

export const DEFAULT_LIMITS: ImageLimits = {
  maxBytes: MAX_PHOTO_BYTES,
  // 60 MP covers today's 48/50 MP phone sensors with margin; a decoded 60 MP RGBA frame is 240 MB,
  // the most the function's memory size (see docs/performance.md) is sized to survive.
  maxPixels: 60_000_000,
};

export type RenditionName = 'thumb' | 'medium';

export interface RenditionSpec {
  name: RenditionName;
  /** `square`: a centred square crop of `size` px; `inside`: the long side is at most `size` px. */
  shape: 'square' | 'inside';
  size: number;
}

export const RENDITIONS: readonly RenditionSpec[] = [
  { name: 'thumb', shape: 'square', size: 256 },
  { name: 'medium', shape: 'inside', size: 1024 },
];

export const RENDITION_CONTENT_TYPE = 'image/webp';
/**
 * How long a viewer's browser keeps a rendition: its key never changes content (it is derived from
 * the photo id and the rendition), so for a year, and `private` because photos can be private
 * (CloudFront still caches it: its cache policy's minimum TTL overrides `private`).
 */
export const RENDITION_CACHE_CONTROL = 'private, max-age=31536000, immutable';
const WEBP_OPTIONS: sharp.WebpOptions = { quality: 80 };

/** Target box of a rendition for an (already oriented) source; never larger than the source. */
export function renditionBox(
  spec: RenditionSpec,
  width: number,
  height: number,
): { width: number; height: number } {
  if (spec.shape === 'square') {
    const side = Math.min(spec.size, width, height);
    return { width: side, height: side };
  }
  const scale = Math.min(1, spec.size / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export interface RenderedRendition {
  name: RenditionName;
  width: number;
  height: number;
  contentType: typeof RENDITION_CONTENT_TYPE;
  data: Buffer;
}

export interface RenderedImage {
  /** As displayed: EXIF orientation applied. */
  width: number;
  height: number;
  renditions: RenderedRendition[];
}

/** sharp's name for each sniffed format (AVIF is read by libheif). */
const SHARP_FORMAT: Record<SupportedFormat, string> = {
  jpeg: 'jpeg',
  png: 'png',
  webp: 'webp',
  gif: 'gif',
  avif: 'heif',
};

function decodeError(err: unknown): ImageRejectedError {
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) {
    return new ImageRejectedError('too_many_pixels', `libvips refused the image: ${message}`, { cause: err });
  }
  return new ImageRejectedError('corrupt', `the image does not decode: ${message}`, { cause: err });
}

function source(input: Buffer, limits: ImageLimits): sharp.Sharp {
  return sharp(input, {
    // Rotate/flip per EXIF before resizing; output carries no metadata (sharp's default), so EXIF
    // (GPS included), XMP and IPTC never reach a rendition.
    autoOrient: true,
    limitInputPixels: limits.maxPixels,
    // A truncated or damaged file is a failure, not a half-grey thumbnail.
    failOn: 'warning',
    // Animated GIF/WebP: the first frame only.
    pages: 1,
  });
}

/**
 * Reads the header of `input` (already sniffed as `format`) and checks it against the limits before
 * any pixel is decoded: a 50 000 × 50 000 declaration costs nothing. Returns the size as displayed
 * (EXIF orientation applied).
 */
async function checkHeader(
  input: Buffer,
  format: SupportedFormat,
  limits: ImageLimits,
): Promise<{ width: number; height: number }> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw decodeError(err);
  }
  if (metadata.format !== SHARP_FORMAT[format]) {
    throw new ImageRejectedError('corrupt', `sniffed ${format} but the decoder reads ${metadata.format}`);
  }
  const pixels = metadata.width * metadata.height;
  if (!(pixels > 0)) throw new ImageRejectedError('corrupt', 'the image declares no pixels');
  if (pixels > limits.maxPixels) {
    throw new ImageRejectedError(
      'too_many_pixels',
      `${metadata.width} × ${metadata.height} = ${pixels} pixels, limit ${limits.maxPixels}`,
    );
  }
  return metadata.autoOrient;
}

/**
 * Decodes `input` (already sniffed as `format`) and renders every rendition as WebP.
 * Throws ImageRejectedError (`too_many_pixels`, `corrupt`) for inputs that cannot become a photo.
 */
export async function renderImage(
  input: Buffer,
  format: SupportedFormat,
  limits: ImageLimits = DEFAULT_LIMITS,
): Promise<RenderedImage> {
  const { width, height } = await checkHeader(input, format, limits);

  // One rendition at a time: peak memory is one decode, not two (libvips still uses every core
  // inside each one).
  const renditions: RenderedRendition[] = [];
  for (const spec of RENDITIONS) {
    const box = renditionBox(spec, width, height);
    try {
      const { data, info } = await source(input, limits)
        .resize(box.width, box.height, {
          // eslint-disable-next-line no-restricted-syntax -- sharp's option is named `fit`; not a test.
          fit: spec.shape === 'square' ? 'cover' : 'inside',
          withoutEnlargement: true,
        })
        .webp(WEBP_OPTIONS)
        .toBuffer({ resolveWithObject: true });
      renditions.push({
        name: spec.name,
        width: info.width,
        height: info.height,
        contentType: RENDITION_CONTENT_TYPE,
        data,
      });
    } catch (err) {
      throw decodeError(err);
    }
  }
  return { width, height, renditions };
}

/** Formats a rendition of a given width can be encoded in. */
export type OutputFormat = 'avif' | 'webp' | 'jpeg';

export const OUTPUT_CONTENT_TYPES: Record<OutputFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};

/**
 * Qualities tried in turn until an encoding fits the caller's byte budget: the first is the one a
 * rendition normally gets (WebP at the renditions' 80; AVIF at sharp's default 50, which looks
 * alike at about half the bytes), the others only when it does not fit.
 */
export const QUALITY_LADDER: Record<OutputFormat, readonly number[]> = {
  avif: [50, 40, 30],
  webp: [80, 65, 50],
  jpeg: [80, 65, 50],
};

export interface WidthRendition {
  width: number;
  height: number;
  format: OutputFormat;
  contentType: string;
  quality: number;
  data: Buffer;
}

function encode(pixels: sharp.Sharp, format: OutputFormat, quality: number): Promise<Buffer> {
  switch (format) {
    // effort 2 of 9: an on-demand rendition is encoded while a viewer waits for it.
    case 'avif':
      return pixels.avif({ quality, effort: 2 }).toBuffer();
    case 'webp':
      return pixels.webp({ quality }).toBuffer();
    case 'jpeg':
      // JPEG has no alpha: transparent areas become white, not black.
      return pixels.flatten({ background: '#ffffff' }).jpeg({ quality, progressive: true }).toBuffer();
  }
}

/**
 * Decodes `input` (already sniffed as `format`) under the same limits as renderImage and renders it
 * `width` px wide (height in proportion, never upscaled: a narrower photo keeps its width), in
 * `output`. The pixels are decoded and resized once; with `maxBytes`, lower qualities of
 * QUALITY_LADDER are tried until the encoding fits, else OutputTooLargeError.
 */
export async function renderWidth(
  input: Buffer,
  format: SupportedFormat,
  request: { width: number; output: OutputFormat; maxBytes?: number },
  limits: ImageLimits = DEFAULT_LIMITS,
): Promise<WidthRendition> {
  await checkHeader(input, format, limits);
  let resized: { data: Buffer; info: sharp.OutputInfo };
  try {
    resized = await source(input, limits)
      .resize({ width: request.width, withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw decodeError(err);
  }
  const { width, height, channels } = resized.info;
  let smallest = Infinity;
  for (const quality of QUALITY_LADDER[request.output]) {
    const data = await encode(
      sharp(resized.data, { raw: { width, height, channels } }),
      request.output,
      quality,
    );
    if (request.maxBytes === undefined || data.length <= request.maxBytes) {
      return {
        width,
        height,
        format: request.output,
        contentType: OUTPUT_CONTENT_TYPES[request.output],
        quality,
        data,
      };
    }
    smallest = Math.min(smallest, data.length);
  }
  throw new OutputTooLargeError(smallest, request.maxBytes ?? smallest);
}
