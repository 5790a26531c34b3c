import { DescribeUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { aws } from '../../aws';
import { Recorder } from '../recorder';
import { type ServiceExpectations, output } from './expectations';
import { tableArns } from './rules';

export const auth: ServiceExpectations = {
  defaultedParams: {
    userPoolClientId:
      'defaults to the client of this very stack (Ref UserPoolClient); only pnpm dev passes one',
  },
  environment: {
    TABLE_NAME: output('data', 'TableName'),
    USER_POOL_CLIENT_ID: output('auth', 'UserPoolClientId'),
  },
  iamResources: { dynamodb: tableArns },
  // The api's JWT authorizer trusts exactly this issuer: the pool's provider URL.
  async check(stack) {
    const record = new Recorder(stack.service, 'outputs', 'user pool outputs');
    const { UserPool } = await aws().cognito.send(
      new DescribeUserPoolCommand({ UserPoolId: stack.outputs.UserPoolId }),
    );
    record.equal('api', 'UserPoolArn output', stack.outputs.UserPoolArn, UserPool?.Arn);
    record.equal(
      'api',
      'Issuer output',
      stack.outputs.Issuer,
      `https://cognito-idp.${stack.region}.amazonaws.com/${UserPool?.Id}`,
    );
    return record.findings;
  },
};
