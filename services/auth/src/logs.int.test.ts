// What the auth functions write while the whole account flow runs, with every line captured: the
// routes (passwords, codes and tokens in their bodies and answers) and the Cognito triggers (the
// email in every event), on success and on each error path. The functions are loaded as Lambda runs
// them (DEBUG, metrics on) and cognito-local calls the triggers over its Lambda client.
import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { startCognitoLocal, type CognitoLocal } from '@gallery/local-stack/cognito';
import { createUserPool } from '@gallery/local-stack/provision';
import { captureStdout, loadObserved, type Captured } from '@gallery/lambda/testing/capture';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { startLambdaEndpoint, type LambdaEndpoint } from './testing/lambda-endpoint';

const PASSWORD = 'Correct-Horse-42';
const NEW_PASSWORD = 'Battery-Staple-77';
const run = randomBytes(4).toString('hex');
const email = `logs-${run}@example.com`;
const handle = `logs_${run}`;

type Handler = (event: never, context: Context) => Promise<{ statusCode?: number; body?: string }>;
const load = (name: string): Handler =>
  (jest.requireActual(`./functions/${name}/handler`) as { handler: Handler }).handler;

let cognito: CognitoLocal | undefined;
let lambda: LambdaEndpoint | undefined;
let output: Captured;
const secrets: string[] = [PASSWORD, NEW_PASSWORD, email];

afterAll(async () => {
  await cognito?.stop();
  await lambda?.stop();
});

it('writes JSON lines with the Lambda context and no password, code, token or email, on every path', async () => {
  output = captureStdout();
  try {
    await loadObserved(async () => {
      lambda = await startLambdaEndpoint({
        'auth-preSignUp': load('preSignUp'),
        'auth-postConfirmation': load('postConfirmation'),
      });
      cognito = await startCognitoLocal({
        triggers: {
          functions: { PreSignUp: 'auth-preSignUp', PostConfirmation: 'auth-postConfirmation' },
          lambdaEndpoint: lambda.url,
        },
      });
      const pool = await createUserPool({ endpoint: cognito.endpoint, poolName: `logs-${run}` });
      Object.assign(process.env, {
        COGNITO_ENDPOINT: cognito.endpoint,
        USER_POOL_ID: pool.userPoolId,
        USER_POOL_CLIENT_ID: pool.clientId,
        JWT_ISSUER: pool.issuer,
      });
      const post = async (fn: string, path: string, body: unknown) => {
        const response = await load(fn)(httpEvent({ method: 'POST', path, body }) as never, lambdaContext());
        return {
          status: response.statusCode,
          body: JSON.parse(response.body ?? '{}') as Record<string, string>,
        };
      };
      const signUp = { email, password: PASSWORD, handle, displayName: 'Logs' };
      expect((await post('signUp', '/v1/auth/signup', signUp)).status).toBe(201);
      expect((await post('signUp', '/v1/auth/signup', signUp)).status).toBe(409);
      const code = (await cognito.confirmationCode(email)) ?? '';
      secrets.push(code);
      expect(
        (
          await post('confirmSignUp', '/v1/auth/confirm', {
            email,
            code: code === '000000' ? '111111' : '000000',
          })
        ).status,
      ).toBe(400);
      expect((await post('confirmSignUp', '/v1/auth/confirm', { email, code })).status).toBe(200);
      // PreSignUp refuses the handle, now taken, for another email.
      expect((await post('signUp', '/v1/auth/signup', { ...signUp, email: `x-${email}` })).status).toBe(409);
      secrets.push(`x-${email}`);
      expect((await post('login', '/v1/auth/login', { email, password: `${PASSWORD}x` })).status).toBe(401);
      const login = await post('login', '/v1/auth/login', { email, password: PASSWORD });
      expect(login.status).toBe(200);
      const { idToken = '', accessToken = '', refreshToken = '' } = login.body;
      // A token's signature is what makes it a credential; its payload is public.
      secrets.push(...[idToken, accessToken].map((token) => token.split('.')[2] ?? ''), refreshToken);
      expect((await post('refresh', '/v1/auth/refresh', { refreshToken })).status).toBe(200);
      expect((await post('refresh', '/v1/auth/refresh', { refreshToken: `${refreshToken}x` })).status).toBe(
        401,
      );
      expect((await post('forgotPassword', '/v1/auth/forgot-password', { email })).status).toBe(202);
      const resetCode = (await cognito.confirmationCode(email)) ?? '';
      secrets.push(resetCode);
      expect(
        (
          await post('resetPassword', '/v1/auth/reset-password', {
            email,
            code: resetCode,
            password: NEW_PASSWORD,
          })
        ).status,
      ).toBe(200);
    });
  } finally {
    output.restore();
  }

  // Every captured line, JSON or not: a plain-text leak (a library's console output) counts too.
  const lines = output.lines();
  const logs = output.logs();
  expect(logs.length).toBeGreaterThanOrEqual(10);
  for (const secret of secrets.filter((s) => s.length >= 6)) {
    expect(lines.filter((line) => line.includes(secret))).toEqual([]);
  }
  expect(lines.filter((line) => /[\w.+-]+@[\w-]+\.[a-z]{2,}/i.test(line))).toEqual([]);
  for (const entry of logs) expect(entry).toMatchObject({ function_request_id: expect.any(String) });
  // Every line carries a correlation id, except a route's last line after a trigger ran inside its
  // invocation: here both share one process and the trigger's end drops the route's keys; on Lambda
  // they are two functions.
  const uncorrelated = logs.filter((entry) => entry.correlation_id === undefined);
  expect(uncorrelated.every((entry) => String(entry.function_name).startsWith('auth-'))).toBe(true);
  expect(uncorrelated.length).toBeLessThanOrEqual(6);
  // The triggers ran inside the flow and logged through the same chain.
  expect(logs).toContainEqual(expect.objectContaining({ message: 'profile created', level: 'INFO' }));
  expect(logs).toContainEqual(
    expect.objectContaining({ message: 'sign-up refused', reason: 'handle_taken' }),
  );
  const counted = (name: string) => output.emf().filter((line) => typeof line[name] === 'number').length;
  expect(counted('SignUps')).toBe(1);
  expect(counted('Confirmations')).toBe(1);
});
