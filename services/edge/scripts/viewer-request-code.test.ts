import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  MAX_FUNCTION_CODE_BYTES,
  loadCloudFrontFunction,
  type FunctionEvent,
} from '@gallery/local-stack/edge/cloudfront-function';
import { viewerRequestEvent } from '@gallery/local-stack/edge/function-event';
import { handler } from '../src/viewer-request/handler';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require('./viewer-request-code.js') as {
  (): string;
  buildViewerRequestCode: (options?: { entry?: string; maxBytes?: number }) => {
    code: string;
    bytes: number;
  };
  MAX_FUNCTION_BYTES: number;
};

const OWNER = '3f1c2a9e-7b1d-4c55-9a7e-0b6f4e2d8c11';
const PHOTO = '01HV5QX3K9ZT6M2A8B4C7D1E0F';
const CHROME = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';

function viewerEvent(target: string, accept = CHROME): FunctionEvent {
  return viewerRequestEvent(
    {
      method: 'GET',
      target,
      rawHeaders: ['Host', 'd111111abcdef8.cloudfront.net', 'Accept', accept],
      ip: '198.51.100.11',
    },
    { domainName: 'd111111abcdef8.cloudfront.net', id: 'EDFDVBD6EXAMPLE' },
  );
}

function tempEntry(source: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cf-function-')), 'entry.ts');
  writeFileSync(file, source);
  return file;
}

describe('the CloudFront Function build', () => {
  const { code, bytes } = build.buildViewerRequestCode();

  it("is CloudFront's 10 KB limit, the harness's too", () => {
    expect(build.MAX_FUNCTION_BYTES).toBe(10 * 1024);
    expect(MAX_FUNCTION_CODE_BYTES).toBe(build.MAX_FUNCTION_BYTES);
  });

  it('fits in the limit and is what serverless.yml embeds', () => {
    expect(bytes).toBeLessThanOrEqual(build.MAX_FUNCTION_BYTES);
    expect(bytes).toBe(Buffer.byteLength(code));
    expect(build()).toBe(code);
  });

  it('answers exactly as the source does, run under the runtime restrictions', () => {
    const fn = loadCloudFrontFunction(code);
    const base = `/thumbnails/${OWNER}/${PHOTO}`;
    const signed = 'Policy=eyJTdGF0ZW1lbnQiOltdfQ__&Signature=abc~def-ghi_&Key-Pair-Id=K2JCJMDEHXQW5F';
    const cases: Array<[string, string?]> = [
      [`${base}/thumb.webp?${signed}&utm=1`],
      [`${base}/medium.webp`],
      [`${base}/image?w=700&${signed}`],
      [`${base}/image?w=700`, 'image/webp,*/*'],
      [`${base}/image?w=99999`],
      [`${base}/image`],
      [`${base}/image?w=1&w=2`],
      [`/uploads/${OWNER}/${PHOTO}`],
    ];
    for (const [target, accept] of cases) {
      const { result } = fn.run(viewerEvent(target, accept));
      const expected = handler(viewerEvent(target, accept));
      const actual = result.kind === 'request' ? result.request : result.response;
      expect({ target, result: actual }).toEqual({ target, result: expected });
    }
  });

  it('fails over the size limit instead of producing code CloudFront refuses', () => {
    expect(() => build.buildViewerRequestCode({ maxBytes: bytes - 1 })).toThrow(/over the \d+-byte limit/);
  });

  it('refuses syntax the runtime lacks', () => {
    const entry = tempEntry(
      'export function handler(e: { request: { uri: string } }) { for (const c of e.request.uri) void c; return e.request; }\n',
    );
    expect(() => build.buildViewerRequestCode({ entry })).toThrow(/for-of/);
  });

  it('lowers syntax the runtime lacks when esbuild can', () => {
    const entry = tempEntry(
      'export function handler(e: { request?: { uri?: string } }) { return { statusCode: 200, body: e.request?.uri ?? "none" }; }\n',
    );
    const lowered = build.buildViewerRequestCode({ entry }).code;
    expect(lowered).not.toMatch(/\?\.|\?\?/);
    const { result } = loadCloudFrontFunction(lowered).run(viewerEvent('/x'));
    expect(result).toEqual({ kind: 'response', response: { statusCode: 200, body: '/x' } });
  });
});
