import { describeValidation } from '../../testing/validation-suite';
import { handler } from './handler';

// The accepted path runs against cognito-local in ../../signup-flow.int.test.ts.
describeValidation(handler, '/v1/auth/confirm', { email: 'ada@example.com', code: '123456' }, [
  ['a code that is not six digits', { email: 'ada@example.com', code: '12345' }, 'body.code'],
  ['a code with spaces around it', { email: 'ada@example.com', code: ' 123456 ' }, 'body.code'],
  ['an address that is not an email', { email: 'ada', code: '123456' }, 'body.email'],
]);
