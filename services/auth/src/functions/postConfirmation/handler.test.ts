import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { handler, registrationOf } from './handler';

describe('PostConfirmation', () => {
  it('registers the user under their sub, with the display name defaulting to the handle', () => {
    expect(
      registrationOf({ sub: 'u-1', email: 'ada@example.com', 'custom:handle': 'ada', name: ' Ada ' }),
    ).toEqual({ userId: 'u-1', email: 'ada@example.com', handle: 'ada', displayName: 'Ada' });
    expect(registrationOf({ sub: 'u-1', email: 'ada@example.com', 'custom:handle': 'ada' }).displayName).toBe(
      'ada',
    );
  });

  it('does nothing after a password reset (no table access: TABLE_NAME is not even set here)', async () => {
    const event = {
      version: '1',
      region: 'us-east-1',
      userPoolId: 'pool',
      userName: 'u-1',
      callerContext: { awsSdkVersion: '3', clientId: 'client' },
      triggerSource: 'PostConfirmation_ConfirmForgotPassword',
      request: { userAttributes: { sub: 'u-1', email: 'ada@example.com', 'custom:handle': 'ada' } },
      response: {},
    } as PostConfirmationTriggerEvent;
    await expect(handler(event, lambdaContext())).resolves.toBe(event);
  });
});
