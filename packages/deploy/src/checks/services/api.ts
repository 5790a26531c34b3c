import { asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { type ServiceExpectations, output } from './expectations';
import { type Stacks, bucketArns, stateMachineArns, tableArns } from './rules';

/** The dynamic reference the api's CURSOR_SECRET must be: the data stack's secret, by name. */
function cursorSecretReference(stacks: Stacks): string | undefined {
  const secret = Object.values(stacks.get('data')?.template.Resources ?? {}).find(
    (resource) => resource.Type === 'AWS::SecretsManager::Secret',
  );
  const name = secret?.Properties?.Name;
  return typeof name === 'string' ? `{{resolve:secretsmanager:${name}:SecretString}}` : undefined;
}

export const api: ServiceExpectations = {
  defaultedParams: {
    cursorSecret: "a CloudFormation dynamic reference to the data stack's generated secret, by name",
    publicBaseUrl: "the api's own HTTP API endpoint unless a custom domain is passed",
  },
  environment: {
    TABLE_NAME: output('data', 'TableName'),
    IDEMPOTENCY_TABLE_NAME: output('data', 'IdempotencyTableName'),
    BUCKET_NAME: output('media', 'BucketName'),
    USER_POOL_CLIENT_ID: output('auth', 'UserPoolClientId'),
    JWT_ISSUER: output('auth', 'Issuer'),
    MEDIA_CDN_URL: output('edge', 'MediaCdnUrl'),
    // moto leaves dynamic references unresolved: the value is the reference itself.
    CURSOR_SECRET: cursorSecretReference,
    ERASURE_STATE_MACHINE_ARN: output('workflows', 'ErasureStateMachineArn'),
    EXPORT_STATE_MACHINE_ARN: output('workflows', 'ExportStateMachineArn'),
  },
  iamResources: {
    dynamodb: tableArns,
    s3: bucketArns,
    states: stateMachineArns,
  },
  // API Gateway is not emulated: its JWT authorizer's issuer and audience are read from the
  // deployed template, and must be the auth stack's.
  async check(stack, stacks) {
    const record = new Recorder(stack.service, 'HttpApiAuthorizerJwt', 'AWS::ApiGatewayV2::Authorizer');
    const authorizers = Object.values(stack.template.Resources).filter(
      (resource) => resource.Type === 'AWS::ApiGatewayV2::Authorizer',
    );
    record.that('template', 'the HTTP API has a JWT authorizer', authorizers.length > 0);
    for (const authorizer of authorizers) {
      const jwt = isObject(authorizer.Properties?.JwtConfiguration)
        ? authorizer.Properties.JwtConfiguration
        : {};
      record.equal(
        'template',
        'authorizer issuer (auth.Issuer)',
        jwt.Issuer,
        stacks.get('auth')?.outputs.Issuer,
      );
      record.equal('template', 'authorizer audience (auth.UserPoolClientId)', asArray(jwt.Audience), [
        stacks.get('auth')?.outputs.UserPoolClientId,
      ]);
    }
    return record.findings;
  },
};
