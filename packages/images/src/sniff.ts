// Content sniffing from magic bytes. The declared content type and the object key say nothing
// reliable about what was uploaded; the first bytes do. Pure, so every signature is unit-tested.

/** Formats the pipeline decodes (sharp's prebuilt libvips: AVIF through libheif + aom). */
export const SUPPORTED_FORMATS = ['jpeg', 'png', 'webp', 'gif', 'avif'] as const;
export type SupportedFormat = (typeof SUPPORTED_FORMATS)[number];

export type Sniffed =
  | { kind: 'supported'; format: SupportedFormat }
  /** An image, but not one this pipeline decodes (HEIC needs an HEVC decoder sharp does not ship). */
  | { kind: 'unsupported'; format: string }
  | { kind: 'unknown' };

/** Bytes needed to tell every format apart (the ISO-BMFF `ftyp` box lists brands after 16 bytes). */
export const SNIFF_BYTES = 64;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (bytes: Uint8Array, start: number, end: number): string =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1']);

/** ISO-BMFF (`....ftyp<major><minor><compatible...>`): AVIF and HEIC share the container. */
function sniffFtyp(bytes: Uint8Array): Sniffed | undefined {
  if (ascii(bytes, 4, 8) !== 'ftyp') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxSize = bytes.length >= 4 ? view.getUint32(0) : 0;
  const end = Math.min(boxSize || bytes.length, bytes.length);
  const brands = [ascii(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, at + 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return { kind: 'supported', format: 'avif' };
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return { kind: 'unsupported', format: 'heic' };
  return undefined;
}

/** What the first bytes of an upload are. Give it at least SNIFF_BYTES (or the whole file if shorter). */
export function sniffImage(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'supported', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: 'supported', format: 'png' };
  }
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') {
    return { kind: 'supported', format: 'gif' };
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')
    return { kind: 'supported', format: 'webp' };
  const iso = sniffFtyp(bytes);
  if (iso) return iso;
  // Recognised image formats that are refused on purpose: rarely sent by cameras or browsers, and
  // each one widens the decoder attack surface (SVG would also let a file fetch external resources).
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'unsupported', format: 'tiff' };
  }
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 14) return { kind: 'unsupported', format: 'bmp' };
  if (ascii(bytes, 0, 4) === '8BPS') return { kind: 'unsupported', format: 'psd' };
  if (startsWith(bytes, [0xff, 0x0a]) || ascii(bytes, 4, 8) === 'JXL ')
    return { kind: 'unsupported', format: 'jxl' };
  if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(ascii(bytes, 0, bytes.length))) {
    return { kind: 'unsupported', format: 'svg' };
  }
  return { kind: 'unknown' };
}
