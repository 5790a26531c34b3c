// The HTTP API. moto's CloudFormation skips every AWS::ApiGatewayV2 type; the API itself is created
// by the handler in packages/deploy/moto/gallery_moto/apigatewayv2.py (so its id reaches compose) and
// read back through GetApi. The rest is read from the deployed template: every route reaches an integration, every integration a function the emulator
// did create, every protected route a JWT authorizer with a concrete issuer and audience. (That the
// issuer and audience are the auth stack's outputs is a wiring check, see services/api.ts.)

import { GetApiCommand } from '@aws-sdk/client-apigatewayv2';
import { GetFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { aws } from '../../aws';
import { type DeployedStack, type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

const refTo = (value: Json | undefined, type: string, stack: DeployedStack): boolean =>
  isObject(value) && typeof value.Ref === 'string' && stack.template.Resources[value.Ref]?.Type === type;

function belongsToApi(record: Recorder, apiId: Json | undefined, stack: DeployedStack): void {
  record.that(
    'template',
    'belongs to an HTTP API of the stack',
    refTo(apiId, 'AWS::ApiGatewayV2::Api', stack),
  );
}

/** `integrations/<Ref>` as osls writes a route's Target. */
function targetIntegration(target: Json | undefined): string | undefined {
  if (!isObject(target) || !Array.isArray(target['Fn::Join'])) return undefined;
  const parts = target['Fn::Join'][1];
  const ref = Array.isArray(parts) ? parts.find(isObject) : undefined;
  return typeof ref?.Ref === 'string' ? ref.Ref : undefined;
}

export const httpApi: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    record.equal('template', 'ProtocolType', resource.Properties?.ProtocolType, 'HTTP');
    const api = await aws().apigatewayv2.send(
      new GetApiCommand({ ApiId: stack.resources.get(id)?.physicalId ?? '' }),
    );
    record.equal('api', 'Name', api.Name, resource.Properties?.Name);
    record.equal('api', 'ProtocolType', api.ProtocolType, 'HTTP');
    return record.findings;
  },
};

export const httpApiStage: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    belongsToApi(record, props.ApiId, stack);
    record.equal('template', 'AutoDeploy', props.AutoDeploy, true);
    return record.findings;
  },
};

export const httpApiIntegration: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    belongsToApi(record, props.ApiId, stack);
    record.equal('template', 'IntegrationType', props.IntegrationType, 'AWS_PROXY');
    record.equal('template', 'PayloadFormatVersion', props.PayloadFormatVersion, '2.0');
    const functionArn = String(resolve(props.IntegrationUri ?? null, stack));
    const config = await aws().lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: functionArn }),
    );
    record.equal('api', 'integrates a function that exists', config.FunctionArn, functionArn);
    return record.findings;
  },
};

export const httpApiRoute: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const integration = targetIntegration(props.Target);
    record.that(
      'template',
      `${String(props.RouteKey)} reaches an integration of the stack`,
      integration !== undefined &&
        stack.template.Resources[integration]?.Type === 'AWS::ApiGatewayV2::Integration',
      JSON.stringify(props.Target),
    );
    if (props.AuthorizationType === 'JWT') {
      record.that(
        'template',
        `${String(props.RouteKey)} is protected by a JWT authorizer of the stack`,
        refTo(props.AuthorizerId, 'AWS::ApiGatewayV2::Authorizer', stack),
      );
    }
    return record.findings;
  },
};

export const httpApiAuthorizer: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const jwt = isObject(props.JwtConfiguration) ? props.JwtConfiguration : {};
    record.equal('template', 'AuthorizerType', props.AuthorizerType, 'JWT');
    record.that(
      'template',
      `issuer ${JSON.stringify(jwt.Issuer)} is an https URL`,
      /^https:\/\/[^${}]+$/.test(String(jwt.Issuer)),
    );
    const audience = asArray(jwt.Audience);
    record.that(
      'template',
      `audience ${JSON.stringify(audience)} is concrete`,
      audience.length > 0 && audience.every((value) => typeof value === 'string' && !value.includes('${')),
    );
    return record.findings;
  },
};
