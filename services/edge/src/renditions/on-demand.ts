// An on-demand rendition, made on its first request: read the photo's upload, check it as the
// thumbnail function does (magic bytes, byte and pixel limits), render the width and format asked
// for, and store it beside the pre-rendered ones so that every later miss is a plain S3 read.
import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ImageRejectedError, OutputTooLargeError, type RejectionReason } from '@gallery/images/errors';
import { readUpload } from '@gallery/images/read-upload';
import {
  DEFAULT_LIMITS,
  RENDITION_CACHE_CONTROL,
  renderWidth,
  type ImageLimits,
  type WidthRendition,
} from '@gallery/images/render';
import {
  ON_DEMAND_STORED,
  RENDITION_PATH,
  RENDITION_WIDTHS,
  type RenditionFormat,
} from '@gallery/images/renditions';

export interface OnDemandRendition {
  ownerId: string;
  photoId: string;
  width: number;
  format: RenditionFormat;
  /** Where it is stored, e.g. `thumbnails/<owner>/<photo>/w640.avif`. */
  key: string;
  /** The upload it is rendered from. */
  sourceKey: string;
}

/** The on-demand rendition a (normalised) request path names; undefined for any other path. */
export function onDemandRendition(uri: string): OnDemandRendition | undefined {
  const path = RENDITION_PATH.exec(uri);
  const file = path ? ON_DEMAND_STORED.exec(path[3] as string) : null;
  if (!path || !file) return undefined;
  const width = Number(file[1]);
  // Only what the CloudFront Function produces: a width it snaps to, never one a caller made up.
  if (!RENDITION_WIDTHS.includes(width)) return undefined;
  const [ownerId, photoId] = [path[1] as string, path[2] as string];
  return {
    ownerId,
    photoId,
    width,
    format: file[2] as RenditionFormat,
    key: uri.slice(1),
    sourceKey: `uploads/${ownerId}/${photoId}`,
  };
}

export type OnDemandOutcome =
  | { outcome: 'rendered'; rendition: WidthRendition }
  /** No upload to render from: the photo was deleted, or never existed. */
  | { outcome: 'missing' }
  /** The upload is not an image this pipeline renders, or no encoding fits the response budget. */
  | { outcome: 'refused'; reason: RejectionReason | 'output_too_large'; detail: string };

export interface RenderOnDemandOptions {
  s3: S3Client;
  bucket: string;
  rendition: OnDemandRendition;
  /** Largest encoded rendition the caller can return. */
  maxBytes: number;
  limits?: ImageLimits;
}

export async function renderOnDemand(options: RenderOnDemandOptions): Promise<OnDemandOutcome> {
  const { s3, bucket, rendition } = options;
  const limits = options.limits ?? DEFAULT_LIMITS;
  let rendered: WidthRendition;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: rendition.sourceKey }));
    if (!object.Body) throw new Error(`GetObject ${rendition.sourceKey} returned no body`);
    const upload = await readUpload(object.Body as Readable, {
      maxBytes: limits.maxBytes,
      declaredLength: object.ContentLength,
    });
    rendered = await renderWidth(
      upload.data,
      upload.format,
      { width: rendition.width, output: rendition.format, maxBytes: options.maxBytes },
      limits,
    );
  } catch (err) {
    if (err instanceof NoSuchKey) return { outcome: 'missing' };
    if (err instanceof ImageRejectedError)
      return { outcome: 'refused', reason: err.reason, detail: err.message };
    if (err instanceof OutputTooLargeError) {
      return { outcome: 'refused', reason: 'output_too_large', detail: err.message };
    }
    throw err;
  }
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: rendition.key,
      Body: rendered.data,
      ContentType: rendered.contentType,
      CacheControl: RENDITION_CACHE_CONTROL,
    }),
  );
  return { outcome: 'rendered', rendition: rendered };
}
