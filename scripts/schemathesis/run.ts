// A bounded Schemathesis run from docs/openapi.json against the local stack: DynamoDB Local, s3rver
// and cognito-local on free ports (the harness of the integration tests), the api and auth services'
// real handlers behind @gallery/testing/local-http, the Cognito triggers served to cognito-local by
// an in-process Lambda endpoint. A real user signs up, confirms and logs in through the auth routes;
// its access token authenticates the run. Exclusions and bounds are in ./schemathesis.toml, each
// with its reason.
//
//   pnpm schemathesis            # needs `schemathesis` on PATH (CI: .ci/.venv-schemathesis)
//
// Exits non-zero when Schemathesis reports a failure. Reports go to .ci/schemathesis/.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startLocalStack } from '@gallery/local-stack/stack';
import { startLocalHttpServer } from '@gallery/testing/local-http';
import { startLocalWorkflows } from '@gallery/testing/local-workflows';
import { handler as postConfirmation } from '../../services/auth/src/functions/postConfirmation/handler';
import { handler as preSignUp } from '../../services/auth/src/functions/preSignUp/handler';
import { startLambdaEndpoint } from '../../services/auth/src/testing/lambda-endpoint';

const ROOT = path.resolve(__dirname, '..', '..');
const DOCUMENT = path.join(ROOT, 'docs', 'openapi.json');
const CONFIG = path.join(__dirname, 'schemathesis.toml');
const REPORTS = path.join(ROOT, '.ci', 'schemathesis');
const AUTH_PATHS = '^/v1/auth/';
/**
 * A run that takes longer than this is stopped and fails: the bound CI relies on (the README's
 * Schemathesis section says how long a run takes). SCHEMATHESIS_DEADLINE_S overrides it.
 */
const RUN_DEADLINE_MS = Number(process.env.SCHEMATHESIS_DEADLINE_S ?? 600) * 1000;

const log = (line: string) => console.log(`[schemathesis] ${line}`);

async function json(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Signs a user up through the auth routes, confirms it with the emailed code, logs it in. */
async function signedInUser(
  authUrl: string,
  confirmationCode: (email: string) => Promise<string | undefined>,
): Promise<string> {
  const run = randomBytes(4).toString('hex');
  const email = `schemathesis-${run}@example.com`;
  const password = 'Correct-Horse-42';
  const signUp = await json(`${authUrl}/v1/auth/signup`, {
    email,
    password,
    handle: `st_${run}`,
    displayName: 'Schemathesis',
  });
  if (signUp.status !== 201) throw new Error(`sign-up answered ${signUp.status}`);
  const code = await confirmationCode(email);
  if (!code) throw new Error('cognito-local issued no confirmation code');
  const confirm = await json(`${authUrl}/v1/auth/confirm`, { email, code });
  if (confirm.status !== 200) throw new Error(`confirmation answered ${confirm.status}`);
  const login = await json(`${authUrl}/v1/auth/login`, { email, password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  return login.body.accessToken as string;
}

function schemathesis(name: string, args: string[], token: string): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      'schemathesis',
      [
        '--config-file',
        CONFIG,
        'run',
        DOCUMENT,
        ...args,
        '--report',
        'junit,ndjson',
        '--report-junit-path',
        path.join(REPORTS, `${name}.junit.xml`),
        '--report-ndjson-path',
        path.join(REPORTS, `${name}.ndjson`),
      ],
      // Its own state (.schemathesis/: example database, crashes) lands with the reports.
      { stdio: 'inherit', cwd: REPORTS, env: { ...process.env, GALLERY_ACCESS_TOKEN: token } },
    );
    const deadline = setTimeout(() => {
      log(`${name}: still running after ${RUN_DEADLINE_MS / 1000} s, stopped`);
      child.kill('SIGTERM');
    }, RUN_DEADLINE_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      log(`${name}: exit ${code} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  mkdirSync(REPORTS, { recursive: true });
  const lambda = await startLambdaEndpoint({
    'auth-preSignUp': preSignUp,
    'auth-postConfirmation': postConfirmation,
  });
  log('starting DynamoDB Local, s3rver and cognito-local…');
  const stack = await startLocalStack({
    tableName: 'gallery-schemathesis',
    bucketName: 'gallery-schemathesis',
    poolName: 'gallery-schemathesis',
    cognitoTriggers: {
      functions: { PreSignUp: 'auth-preSignUp', PostConfirmation: 'auth-postConfirmation' },
      lambdaEndpoint: lambda.url,
    },
    log,
  });
  // The handlers run in this process: they read the stack from the environment (and, from
  // package.json's script, no EMF lines and only their errors: the auth triggers run inside the
  // auth routes' invocations here, where Powertools warns of the shared dimensions).
  Object.assign(process.env, stack.env);
  // The account routes start the workflows' state machines: run locally, as in the tests.
  const workflows = await startLocalWorkflows({ serviceDir: path.join(ROOT, 'services', 'workflows') });
  const [api, auth] = await Promise.all([
    startLocalHttpServer({ serviceDir: path.join(ROOT, 'services', 'api') }),
    startLocalHttpServer({ serviceDir: path.join(ROOT, 'services', 'auth') }),
  ]);
  process.env.PUBLIC_BASE_URL = api.url;
  let failed = 0;
  try {
    const token = await signedInUser(auth.url, stack.cognito.confirmationCode);
    log(`api on ${api.url}, auth on ${auth.url}; signed in a fresh user`);
    failed += await schemathesis('api', ['--url', api.url, '--exclude-path-regex', AUTH_PATHS], token);
    failed += await schemathesis('auth', ['--url', auth.url, '--include-path-regex', AUTH_PATHS], token);
  } finally {
    await Promise.allSettled([api.close(), auth.close(), workflows.close()]);
    await stack.stop();
    await lambda.stop();
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed > 0) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
