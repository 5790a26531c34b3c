import path from 'node:path';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { startProcess, answersHttp } from './process';
import { portOrFree } from './ports';

export interface CognitoLocal {
  endpoint: string;
  /**
   * The pending confirmation code (sign-up or forgot password) of the user with this email, read
   * from cognito-local's data files, which it writes before answering. Undefined if there is none.
   */
  confirmationCode(email: string): Promise<string | undefined>;
  stop(): Promise<void>;
}

export interface CodeDelivery {
  destination: string;
  code: string;
}

export interface CognitoOptions {
  port?: number;
  /**
   * Lambda triggers cognito-local should invoke, e.g.
   * `{ PreSignUp: 'gallery-auth-dev-preSignUp' }`, through a Lambda API
   * endpoint (serverless-offline's `--lambdaPort`).
   */
  triggers?: { functions: Record<string, string>; lambdaEndpoint: string };
  /**
   * Called for every confirmation code cognito-local delivers, read from its log (`pnpm dev` prints
   * them). Best effort: use `confirmationCode()` where a code must be found.
   */
  onCodeDelivered?: (delivery: CodeDelivery) => void;
}

// cognito-local logs each delivery as one log record holding a box drawn by boxen:
//   ╭────╮ │ Confirmation Code Delivery │ … │ Destination: a@b.c │ │ Code: 123456 │ … ╰────╯
// with colours. boxen sizes the box to the terminal: once the box is as wide as the terminal (80
// columns on a pipe; an address of ~60 characters is enough) it joins its rows with no newline, and
// narrower than its content it wraps a field's value onto the next row (startCognitoLocal gives it
// a wide terminal, so no value is cut). So a delivery is read from a whole box, from its top-left
// to its bottom-right corner (written together with the code), with the borders taken out, never
// from lines.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const BOX = /╭[^╯]*╯/g;
const BORDERS = /[│╭╮╰╯─]/g;

/** The delivery a box of cognito-local's reports, if it is one. */
function deliveryIn(box: string): CodeDelivery | undefined {
  const text = box.replace(ANSI, '').replace(BORDERS, ' ').replace(/\s+/g, ' ');
  if (!text.includes('Confirmation Code Delivery')) return undefined;
  const destination = /Destination: (\S+)/.exec(text)?.[1];
  const code = /Code: (\S+)/.exec(text)?.[1];
  return destination && code ? { destination, code } : undefined;
}

/**
 * Reads code deliveries out of cognito-local's output, chunk by chunk: each is reported as soon as
 * its box is complete (a box may span chunks).
 */
export function codeDeliveryReader(onDelivery: (delivery: CodeDelivery) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    let consumed = 0;
    for (const match of pending.matchAll(BOX)) {
      const delivery = deliveryIn(match[0]);
      if (delivery) onDelivery(delivery);
      consumed = (match.index ?? 0) + match[0].length;
    }
    // Keep what may be the start of a box; a box is well under 16 KB.
    const open = pending.indexOf('╭', consumed);
    pending = open === -1 ? '' : pending.slice(open).slice(-16_384);
  };
}

interface StoredUser {
  Attributes?: Array<{ Name: string; Value?: string }>;
  ConfirmationCode?: string;
}

/** Looks the user up by email in every pool's data file (`<poolId>.json`; clients.json has none). */
async function pendingCode(dbDir: string, email: string): Promise<string | undefined> {
  const wanted = email.toLowerCase();
  for (const file of await readdir(dbDir).catch(() => [] as string[])) {
    if (!file.endsWith('.json')) continue;
    const db = JSON.parse(await readFile(path.join(dbDir, file), 'utf8')) as {
      Users?: Record<string, StoredUser>;
    };
    for (const user of Object.values(db.Users ?? {})) {
      const userEmail = user.Attributes?.find((a) => a.Name === 'email')?.Value?.toLowerCase();
      if (userEmail === wanted) return user.ConfirmationCode;
    }
  }
  return undefined;
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
  const onCodeDelivered = options.onCodeDelivered;
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  const proc = await startProcess({
    name: 'cognito-local',
    command: process.execPath,
    args: [bin],
    cwd,
    // HOST also sets the token issuer domain: http://127.0.0.1:PORT/<poolId>. COLUMNS is the
    // terminal width boxen draws the delivery boxes for: wide enough that no value is wrapped.
    env: { PORT: String(port), HOST: '127.0.0.1', COLUMNS: '1000' },
    ready: () => answersHttp(`${endpoint}/health`),
    ...(onCodeDelivered ? { onOutput: codeDeliveryReader(onCodeDelivered) } : {}),
  });
  return {
    endpoint,
    confirmationCode: (email) => pendingCode(path.join(cwd, '.cognito', 'db'), email),
    stop: async () => {
      await proc.stop();
      await rm(cwd, { recursive: true, force: true });
    },
  };
}
