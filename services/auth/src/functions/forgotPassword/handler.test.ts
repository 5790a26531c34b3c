import { describeValidation } from '../../testing/validation-suite';
import { handler } from './handler';

// The accepted path runs against cognito-local in ../../signup-flow.int.test.ts.
describeValidation(handler, '/v1/auth/forgot-password', { email: 'ada@example.com' }, [
  ['an address that is not an email', { email: 'ada@' }, 'body.email'],
  ['an address over 254 characters', { email: `${'a'.repeat(250)}@example.com` }, 'body.email'],
]);
