// Decoding and rendering with sharp (libvips). Limits are checked from the header before any pixel
// is decoded, and enforced again by libvips itself (limitInputPixels) while decoding.
import sharp from 'sharp';
import { MAX_PHOTO_BYTES } from '@gallery/core/media-limits';
import { ImageRejectedError } from './errors';
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
 * Decodes `input` (already sniffed as `format`) and renders every rendition as WebP.
 * Throws ImageRejectedError (`too_many_pixels`, `corrupt`) for inputs that cannot become a photo.
 */
export async function renderImage(
  input: Buffer,
  format: SupportedFormat,
  limits: ImageLimits = DEFAULT_LIMITS,
): Promise<RenderedImage> {
  let metadata: sharp.Metadata;
  try {
    // Header only: no pixel is decoded yet, so a 50 000 × 50 000 declaration costs nothing.
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
  const { width, height } = metadata.autoOrient;

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
