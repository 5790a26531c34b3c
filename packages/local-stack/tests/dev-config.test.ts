import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { NOT_RUN_LOCALLY, SERVICES, devPorts } from '../src/dev-config';

describe('the services pnpm dev knows', () => {
  it('are every service of serverless-compose.yml, run locally or said why not', () => {
    const compose = parse(
      readFileSync(path.resolve(__dirname, '../../../serverless-compose.yml'), 'utf8'),
    ) as { services: Record<string, unknown> };
    const known = [...SERVICES, ...Object.keys(NOT_RUN_LOCALLY)].sort();
    expect(known).toEqual(Object.keys(compose.services).sort());
  });
});

describe('devPorts', () => {
  it('uses the fixed ports the README shows when nothing is set', () => {
    expect(devPorts({})).toEqual({
      emulators: { dynamodb: 8000, s3: 4569, cognito: 9229 },
      mediaCdn: 4600,
      stepFunctions: 8083,
      services: {
        auth: { http: 3100, lambda: 3102 },
        api: { http: 3000, lambda: 3002 },
        media: { http: 3200, lambda: 3202 },
        scheduler: { http: 3300, lambda: 3302 },
        activity: { http: 3400, lambda: 3402 },
        edge: { http: 3500, lambda: 3502 },
        workflows: { http: 3600, lambda: 3602 },
      },
    });
  });

  it('moves each service port by its GALLERY_<SERVICE>_PORT / _LAMBDA_PORT variable', () => {
    const ports = devPorts({
      GALLERY_API_PORT: '4000',
      GALLERY_API_LAMBDA_PORT: '4002',
      GALLERY_SCHEDULER_LAMBDA_PORT: '4302',
      GALLERY_COGNITO_PORT: '9339',
      GALLERY_AUTH_PORT: '',
      GALLERY_STEP_FUNCTIONS_PORT: '9083',
    });
    expect(ports.stepFunctions).toBe(9083);
    expect(ports.services.api).toEqual({ http: 4000, lambda: 4002 });
    expect(ports.services.scheduler).toEqual({ http: 3300, lambda: 4302 });
    expect(ports.services.auth).toEqual({ http: 3100, lambda: 3102 });
    expect(ports.emulators.cognito).toBe(9339);
  });

  it.each(['abc', '0', '70000', '30.5', '-1'])('refuses %p as a port', (value) => {
    expect(() => devPorts({ GALLERY_MEDIA_PORT: value })).toThrow(
      `GALLERY_MEDIA_PORT must be a TCP port number (1-65535), not "${value}"`,
    );
  });

  it('refuses one port for two listeners', () => {
    expect(() => devPorts({ GALLERY_API_PORT: '3100' })).toThrow('port 3100 is given to two listeners');
    expect(() => devPorts({ GALLERY_MEDIA_CDN_PORT: '4569' })).toThrow('port 4569 is given to two listeners');
  });
});
