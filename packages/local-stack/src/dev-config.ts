// Fixed, predictable ports for `pnpm dev` (tests use free ports instead), so the URLs in the README
// and in people's curl history keep working. Each can be moved by an environment variable, so two
// stacks can run side by side.
export const STAGE = 'dev';

// workflows before api: the api starts the workflows' state machines.
export const SERVICES = ['auth', 'edge', 'workflows', 'api', 'media', 'scheduler', 'activity'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The services of serverless-compose.yml that `pnpm dev` does not run under serverless-offline,
 * and what stands in for each locally (a test holds this list and SERVICES to compose's).
 */
export const NOT_RUN_LOCALLY = {
  data: 'its table is created in DynamoDB Local from table.json',
  alerts: 'an SNS topic for alarms: nothing evaluates alarms locally',
  monitoring: 'a CloudWatch dashboard: no local counterpart',
} as const;

/** The port in `env[name]`, or `fallback` when it is unset; anything but a TCP port number is refused. */
export function envPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 1 || port > 65_535) {
    throw new Error(`${name} must be a TCP port number (1-65535), not "${value}"`);
  }
  return port;
}

const DEFAULT_SERVICE_PORTS: Record<ServiceName, { http: number; lambda: number }> = {
  api: { http: 3000, lambda: 3002 },
  auth: { http: 3100, lambda: 3102 },
  media: { http: 3200, lambda: 3202 },
  scheduler: { http: 3300, lambda: 3302 },
  activity: { http: 3400, lambda: 3402 },
  // Lambda@Edge: nothing listens on its HTTP port; the local media CDN invokes it on the Lambda one.
  edge: { http: 3500, lambda: 3502 },
  // No HTTP routes: the local Step Functions endpoint invokes its functions on the Lambda port.
  workflows: { http: 3600, lambda: 3602 },
};

/**
 * Every port `pnpm dev` listens on: the emulators' (`GALLERY_DYNAMODB_PORT`, `GALLERY_S3_PORT`,
 * `GALLERY_COGNITO_PORT`), the media CDN's (`GALLERY_MEDIA_CDN_PORT`), the local Step Functions
 * endpoint's (`GALLERY_STEP_FUNCTIONS_PORT`) and each service's HTTP and Lambda invoke ports
 * (`GALLERY_API_PORT`, `GALLERY_API_LAMBDA_PORT`, and the same for AUTH, MEDIA, SCHEDULER, ACTIVITY,
 * EDGE and WORKFLOWS).
 */
export function devPorts(env: NodeJS.ProcessEnv = process.env) {
  const services = Object.fromEntries(
    SERVICES.map((service) => {
      const name = `GALLERY_${service.toUpperCase()}`;
      const defaults = DEFAULT_SERVICE_PORTS[service];
      return [
        service,
        {
          http: envPort(env, `${name}_PORT`, defaults.http),
          lambda: envPort(env, `${name}_LAMBDA_PORT`, defaults.lambda),
        },
      ];
    }),
  ) as Record<ServiceName, { http: number; lambda: number }>;
  const ports = {
    emulators: {
      dynamodb: envPort(env, 'GALLERY_DYNAMODB_PORT', 8000),
      s3: envPort(env, 'GALLERY_S3_PORT', 4569),
      cognito: envPort(env, 'GALLERY_COGNITO_PORT', 9229),
    },
    /** The media distribution (local edge proxy) that photo URLs point at. */
    mediaCdn: envPort(env, 'GALLERY_MEDIA_CDN_PORT', 4600),
    stepFunctions: envPort(env, 'GALLERY_STEP_FUNCTIONS_PORT', 8083),
    services,
  };
  const all = [
    ...Object.values(ports.emulators),
    ports.mediaCdn,
    ports.stepFunctions,
    ...Object.values(services).flatMap(({ http, lambda }) => [http, lambda]),
  ];
  const twice = all.filter((port, i) => all.indexOf(port) !== i);
  if (twice.length > 0) throw new Error(`pnpm dev: port ${twice[0]} is given to two listeners`);
  return ports;
}

/** The Lambda function name serverless-offline registers: `<service>-<stage>-<function>`. */
export function functionName(service: ServiceName, fn: string): string {
  return `gallery-${service}-${STAGE}-${fn}`;
}
