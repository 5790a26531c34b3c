import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { startProcess, answersHttp } from './process';
import { portOrFree } from './ports';

export interface S3rverLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface S3rverOptions {
  port?: number;
  /** HTTP URL that receives every ObjectCreated event as an S3 notification (JSON POST). */
  eventTarget?: string;
  /** Only keys under this prefix are notified, as with an S3 notification filter rule. */
  eventPrefix?: string;
}

export async function startS3rver(options: S3rverOptions = {}): Promise<S3rverLocal> {
  const port = await portOrFree(options.port);
  const endpoint = `http://127.0.0.1:${port}`;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'gallery-s3-'));
  const proc = await startProcess({
    name: 's3rver',
    command: process.execPath,
    args: ['--openssl-legacy-provider', path.join(__dirname, '..', 'bin', 's3rver.js')],
    env: {
      S3_PORT: String(port),
      S3_DIRECTORY: directory,
      ...(options.eventTarget ? { S3_EVENT_TARGET: options.eventTarget } : {}),
      ...(options.eventPrefix ? { S3_EVENT_PREFIX: options.eventPrefix } : {}),
    },
    ready: () => answersHttp(endpoint),
  });
  return {
    endpoint,
    stop: async () => {
      await proc.stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
