// The CloudFront Function (cloudfront-js-2.0, viewer request) of the media distribution. It turns
// what a viewer asks for into the one object key that answers it, before CloudFront looks in its
// cache, so the cache key is the path alone:
//
//   /thumbnails/<owner>/<photo>/thumb.webp | medium.webp    → as is (pre-rendered by media)
//   /thumbnails/<owner>/<photo>/image?w=700 + Accept: avif  → /thumbnails/<owner>/<photo>/w960.avif
//
// Every other path is refused here with a 4xx, and every query parameter but the signed-URL ones is
// dropped. Runs in CloudFront's own JavaScript runtime, not Node.js: no `for…of`, destructuring,
// spread, classes or optional chaining (the build in scripts/viewer-request-code.js enforces it).
import type { CloudFrontFunctionsEvent, CloudFrontFunctionsQuerystring } from 'aws-lambda';
import {
  ON_DEMAND_FILE,
  PRERENDERED_FILES,
  RENDITION_FORMATS,
  RENDITION_PATH,
  RENDITION_WIDTHS,
  SIGNED_URL_PARAMS,
  onDemandFile,
  type RenditionFormat,
} from '@gallery/images/renditions';

export type FunctionValues = CloudFrontFunctionsQuerystring;
export type FunctionValue = FunctionValues[string];
export type FunctionEvent = Omit<CloudFrontFunctionsEvent, 'response'>;
export type FunctionRequest = FunctionEvent['request'];

export interface FunctionResponse {
  statusCode: number;
  statusDescription?: string;
  headers?: FunctionValues;
  body?: { encoding: 'text' | 'base64'; data: string };
}

/** Largest width a client may name; anything bigger is a typo or a probe, not a screen. */
const MAX_REQUESTED_WIDTH = 10000;

function problem(statusCode: number, title: string, detail: string): FunctionResponse {
  return {
    statusCode,
    statusDescription: title,
    headers: {
      'content-type': { value: 'application/problem+json' },
      // A refusal depends only on the URL, but it must not stick in browsers either.
      'cache-control': { value: 'no-store' },
    },
    body: {
      encoding: 'text',
      data: JSON.stringify({ type: 'about:blank', title, status: statusCode, detail }),
    },
  };
}

const SIGNED = SIGNED_URL_PARAMS.map((name) => name.toLowerCase());

/**
 * The signed-URL parameters, untouched (names and values as the viewer sent them, whatever the
 * case of the names); every other parameter is left out.
 */
function signedParams(querystring: FunctionValues): FunctionValues {
  const kept: FunctionValues = {};
  for (const name in querystring) {
    const param = querystring[name];
    if (param && SIGNED.indexOf(name.toLowerCase()) >= 0) kept[name] = param;
  }
  return kept;
}

/** The allowed width a request for `value` px is served with; undefined when `value` is no width. */
export function snapWidth(value: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(value)) return undefined;
  const requested = parseInt(value, 10);
  if (requested < 1 || requested > MAX_REQUESTED_WIDTH) return undefined;
  for (let i = 0; i < RENDITION_WIDTHS.length; i += 1) {
    const width = RENDITION_WIDTHS[i] as number;
    if (width >= requested) return width;
  }
  return RENDITION_WIDTHS[RENDITION_WIDTHS.length - 1];
}

/** Media ranges the viewer accepts (q > 0), lower-cased, from every Accept header it sent. */
function acceptedTypes(accept: FunctionValue | undefined): string[] {
  if (!accept) return [];
  const values = accept.multiValue ? accept.multiValue.map((v) => v.value) : [accept.value];
  const types: string[] = [];
  values.forEach((value) => {
    value.split(',').forEach((part) => {
      const pieces = part.split(';');
      const type = (pieces[0] as string).trim().toLowerCase();
      let refused = false;
      for (let i = 1; i < pieces.length; i += 1) {
        const param = (pieces[i] as string).trim().toLowerCase();
        if (/^q=0(\.0{0,3})?$/.test(param)) refused = true;
      }
      if (type && !refused) types.push(type);
    });
  });
  return types;
}

/**
 * AVIF or WebP when the viewer names it (browsers that decode them say so), WebP for a viewer that
 * takes any image (`*` ranges), JPEG otherwise: every viewer gets a format it can show.
 */
export function chooseFormat(accept: FunctionValue | undefined): RenditionFormat {
  const types = acceptedTypes(accept);
  for (let i = 0; i < RENDITION_FORMATS.length; i += 1) {
    const format = RENDITION_FORMATS[i] as RenditionFormat;
    if (types.indexOf(`image/${format}`) >= 0) return format;
  }
  if (types.indexOf('image/*') >= 0 || types.indexOf('*/*') >= 0) return 'webp';
  return 'jpeg';
}

export function handler(event: FunctionEvent): FunctionRequest | FunctionResponse {
  const request = event.request;
  const match = RENDITION_PATH.exec(request.uri);
  if (!match) return problem(404, 'Not Found', 'There is no rendition at this path.');
  const file = match[3] as string;
  const kept = signedParams(request.querystring);

  if (PRERENDERED_FILES.indexOf(file) >= 0) {
    request.querystring = kept;
    return request;
  }
  if (file !== ON_DEMAND_FILE) return problem(404, 'Not Found', 'There is no rendition at this path.');

  const w = request.querystring.w;
  const allowed = RENDITION_WIDTHS.join(', ');
  if (!w)
    return problem(
      400,
      'Bad Request',
      `The query parameter w (width in px) is required; served widths: ${allowed}.`,
    );
  if (w.multiValue && w.multiValue.length > 1) {
    return problem(400, 'Bad Request', 'The query parameter w is given more than once.');
  }
  const width = snapWidth(w.value);
  if (width === undefined) {
    return problem(
      400,
      'Bad Request',
      `w must be a whole number of pixels from 1 to ${MAX_REQUESTED_WIDTH}.`,
    );
  }
  request.uri = `/thumbnails/${match[1]}/${match[2]}/${onDemandFile(width, chooseFormat(request.headers.accept))}`;
  request.querystring = kept;
  return request;
}
