import { describeValidation } from '../../testing/validation-suite';
import { handler } from './handler';

// The accepted path runs against cognito-local in ../../signup-flow.int.test.ts.
describeValidation(handler, '/v1/auth/refresh', { refreshToken: 'r' }, [
  ['an empty refresh token', { refreshToken: '' }, 'body.refreshToken'],
  ['a refresh token over 8192 characters', { refreshToken: 'r'.repeat(8193) }, 'body.refreshToken'],
]);
