// moto's server on a free port, started through the launcher that adds the Cognito CloudFormation
// handlers (packages/deploy/moto/server.py), supervised like the other local emulators.

import path from 'node:path';
import { freePort } from '@gallery/local-stack/ports';
import { answersHttp, startProcess, type ManagedProcess } from '@gallery/local-stack/process';

export interface Moto {
  endpoint: string;
  process: ManagedProcess;
}

export async function startMoto(python: string): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const launcher = path.resolve(__dirname, '../../moto/server.py');
  const started = await startProcess({
    name: 'moto',
    command: python,
    args: [launcher, '-H', '127.0.0.1', '-p', String(port)],
    ready: () => answersHttp(`${endpoint}/moto-api/`),
    timeoutMs: 60_000,
  });
  return { endpoint, process: started };
}
