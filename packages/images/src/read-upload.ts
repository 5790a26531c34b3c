// Reads an upload body with the byte limit and content sniffing applied while streaming: a text
// file or an oversized object is refused after its first chunk, not after it has been buffered.
import type { Readable } from 'node:stream';
import { ImageRejectedError } from './errors';
import { SNIFF_BYTES, sniffImage, type SupportedFormat } from './sniff';

export interface ReadUpload {
  data: Buffer;
  format: SupportedFormat;
}

function checkSniff(head: Buffer): SupportedFormat {
  const sniffed = sniffImage(head);
  if (sniffed.kind === 'supported') return sniffed.format;
  if (sniffed.kind === 'unsupported') {
    throw new ImageRejectedError('unsupported_type', `${sniffed.format} images are not supported`);
  }
  throw new ImageRejectedError('not_an_image', 'the content is not an image');
}

/**
 * Consumes `body` up to `maxBytes` and returns it with its sniffed format. The stream is always
 * either read to its end or destroyed, so the socket goes back to the pool (or is closed) and the
 * SDK does not keep it open until the Lambda freezes.
 */
export async function readUpload(
  body: Readable,
  options: { maxBytes: number; declaredLength?: number | undefined },
): Promise<ReadUpload> {
  try {
    if (options.declaredLength === 0) throw new ImageRejectedError('empty', 'the object is empty');
    if (options.declaredLength !== undefined && options.declaredLength > options.maxBytes) {
      throw new ImageRejectedError('too_large', `${options.declaredLength} bytes, limit ${options.maxBytes}`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    let format: SupportedFormat | undefined;
    for await (const chunk of body as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buffer.length;
      if (total > options.maxBytes) {
        throw new ImageRejectedError('too_large', `more than ${options.maxBytes} bytes`);
      }
      chunks.push(buffer);
      if (format === undefined && total >= SNIFF_BYTES) format = checkSniff(Buffer.concat(chunks));
    }
    if (total === 0) throw new ImageRejectedError('empty', 'the object is empty');
    const data = Buffer.concat(chunks, total);
    return { data, format: format ?? checkSniff(data) };
  } finally {
    // A no-op after a complete read; after an early refusal it aborts the rest of the download.
    if (!body.destroyed) body.destroy();
  }
}
