// The codes `pnpm dev` prints come from cognito-local's own output: a cognito-local of this test's
// own (the shared one's output goes to the global setup) is asked for sign-ups and reports each code
// as it issues it, the same code it stored, whatever the length of the address.
import { CognitoIdentityProviderClient, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { setTimeout as sleep } from 'node:timers/promises';
import { startCognitoLocal, type CodeDelivery, type CognitoLocal } from '../src/cognito';
import { createUserPool } from '../src/provision';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/credentials';

let cognito: CognitoLocal;
let client: CognitoIdentityProviderClient;
let clientId: string;
const delivered: CodeDelivery[] = [];

beforeAll(async () => {
  cognito = await startCognitoLocal({ onCodeDelivered: (delivery) => delivered.push(delivery) });
  ({ clientId } = await createUserPool({ endpoint: cognito.endpoint, poolName: 'code-delivery' }));
  client = new CognitoIdentityProviderClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: cognito.endpoint,
  });
});

afterAll(async () => {
  client?.destroy();
  await cognito?.stop();
});

/** The delivery for `email`, waiting only for output already on its way (bounded, not a speed claim). */
async function deliveryFor(email: string): Promise<CodeDelivery | undefined> {
  for (let i = 0; i < 50 && !delivered.some((d) => d.destination === email); i++) await sleep(20);
  return delivered.find((d) => d.destination === email);
}

it.each([
  ['a short address', 'ada@example.com'],
  ['an address long enough to fill boxen’s 80 columns', `${'a-long-local-part.'.repeat(3)}x@example.com`],
])('reports the code of a sign-up with %s before the next one', async (_, email) => {
  await client.send(
    new SignUpCommand({
      ClientId: clientId,
      Username: email,
      Password: 'Correct-Horse-42',
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  const delivery = await deliveryFor(email);
  expect(delivery).toEqual({ destination: email, code: await cognito.confirmationCode(email) });
});
