// Why an upload could not become a photo. The code is stored on the photo (`failureReason`) and is
// part of the API's contract, so it is a closed list; the message is for logs only.

export const REJECTION_REASONS = [
  /** No bytes at all. */
  'empty',
  /** The bytes are not any image format (text, archive, executable, ...). */
  'not_an_image',
  /** A real image format that this pipeline does not decode (HEIC, TIFF, BMP, SVG, ...). */
  'unsupported_type',
  /** More bytes than the upload limit. */
  'too_large',
  /** Width × height over the pixel limit: a decompression bomb, or simply too big to decode. */
  'too_many_pixels',
  /** Looks like a supported image but does not decode (truncated, damaged). */
  'corrupt',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** The upload itself is unusable: marking the photo failed is the outcome, retrying cannot help. */
export class ImageRejectedError extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImageRejectedError';
  }
}

/** No quality a rendition may be encoded at brings it under the size its caller can return. */
export class OutputTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`the smallest encoding is ${bytes} bytes, over ${maxBytes}`);
    this.name = 'OutputTooLargeError';
  }
}
