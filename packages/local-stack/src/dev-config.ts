// Fixed, predictable ports for `pnpm dev` (tests use free ports instead), so
// the URLs in the README and in people's curl history keep working.
export const STAGE = 'dev';

export const SERVICES = ['auth', 'edge', 'api', 'media', 'scheduler'] as const;
export type ServiceName = (typeof SERVICES)[number];

const envPort = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

export const DEV_PORTS = {
  emulators: {
    dynamodb: envPort('GALLERY_DYNAMODB_PORT', 8000),
    s3: envPort('GALLERY_S3_PORT', 4569),
    cognito: envPort('GALLERY_COGNITO_PORT', 9229),
  },
  /** The media distribution (local edge proxy) that photo URLs point at. */
  mediaCdn: envPort('GALLERY_MEDIA_CDN_PORT', 4600),
  services: {
    api: { http: 3000, lambda: 3002 },
    auth: { http: 3100, lambda: 3102 },
    media: { http: 3200, lambda: 3202 },
    scheduler: { http: 3300, lambda: 3302 },
    // Lambda@Edge: nothing listens on its HTTP port; the local edge invokes it on the Lambda one.
    edge: { http: 3400, lambda: 3402 },
  } satisfies Record<ServiceName, { http: number; lambda: number }>,
};

/** The Lambda function name serverless-offline registers: `<service>-<stage>-<function>`. */
export function functionName(service: ServiceName, fn: string): string {
  return `gallery-${service}-${STAGE}-${fn}`;
}
