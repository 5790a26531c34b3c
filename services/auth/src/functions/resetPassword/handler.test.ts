import { describeValidation } from '../../testing/validation-suite';
import { handler } from './handler';

// The accepted path runs against cognito-local in ../../signup-flow.int.test.ts.
describeValidation(
  handler,
  '/v1/auth/reset-password',
  { email: 'ada@example.com', code: '123456', password: 'Correct-Horse-42' },
  [
    [
      "a new password against the pool's policy",
      { email: 'ada@example.com', code: '123456', password: 'correct-horse-42' },
      'body.password',
    ],
    [
      'a code that is not six digits',
      { email: 'ada@example.com', code: 'abcdef', password: 'Correct-Horse-42' },
      'body.code',
    ],
  ],
);
