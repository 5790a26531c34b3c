import { describeValidation } from '../../testing/validation-suite';
import { handler } from './handler';

// The accepted path runs against cognito-local in ../../signup-flow.int.test.ts.
describeValidation(handler, '/v1/auth/login', { email: 'ada@example.com', password: 'x' }, [
  ['an empty password', { email: 'ada@example.com', password: '' }, 'body.password'],
  ['an address that is not an email', { email: 'ada', password: 'x' }, 'body.email'],
]);
