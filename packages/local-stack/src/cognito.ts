import path from 'node:path';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { startProcess, answersHttp } from './process';
import { portOrFree } from './ports';

export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface CognitoOptions {
  port?: number;
  /**
   * Lambda triggers cognito-local should invoke, e.g.
   * `{ PreSignUp: 'gallery-auth-dev-preSignUp' }`, through a Lambda API
   * endpoint (serverless-offline's `--lambdaPort`).
   */
  triggers?: { functions: Record<string, string>; lambdaEndpoint: string };
}

export async function startCognitoLocal(options: CognitoOptions = {}): Promise<CognitoLocal> {
  const port = await portOrFree(options.port);
  const endpoint = `http://127.0.0.1:${port}`;
  // cognito-local keeps its config and pools under ./.cognito of its cwd: one
  // fresh directory per run keeps runs independent.
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'gallery-cognito-'));
  await mkdir(path.join(cwd, '.cognito'), { recursive: true });
  const config = {
    ...(options.triggers
      ? {
          TriggerFunctions: options.triggers.functions,
          LambdaClient: {
            endpoint: options.triggers.lambdaEndpoint,
            region: 'us-east-1',
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          },
        }
      : {}),
  };
  await writeFile(path.join(cwd, '.cognito', 'config.json'), JSON.stringify(config, null, 2));
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  const proc = await startProcess({
    name: 'cognito-local',
    command: process.execPath,
    args: [bin],
    cwd,
    // HOST also sets the token issuer domain: http://127.0.0.1:PORT/<poolId>.
    env: { PORT: String(port), HOST: '127.0.0.1' },
    ready: () => answersHttp(`${endpoint}/health`),
  });
  return {
    endpoint,
    stop: async () => {
      await proc.stop();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}

/**
 * cognito-local signs every token with the private key it ships (kid
 * `CognitoLocal`). Tests use it to forge tokens the emulator would never
 * issue, such as expired ones, that are nevertheless correctly signed.
 */
export function emulatorSigningJwk(): Record<string, string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: Record<string, string> }).jwk;
}
