// The user pool and its client, through the Cognito API. moto's CloudFormation does not know these
// types; the emulator's launcher (packages/deploy/moto/gallery_moto/cognito.py) creates them with
// moto's Cognito API, as CloudFormation would.

import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { aws } from '../../aws';
import { asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

export const cognitoUserPool: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const poolId = stack.resources.get(id)?.physicalId ?? '';
    const { UserPool: pool } = await aws().cognito.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    record.equal('api', 'Name', pool?.Name, props.UserPoolName);
    record.equal(
      'api',
      'triggers (LambdaConfig)',
      pool?.LambdaConfig ?? {},
      resolve(props.LambdaConfig ?? {}, stack),
    );
    record.equal('api', 'UsernameAttributes', pool?.UsernameAttributes, props.UsernameAttributes);
    record.equal('api', 'DeletionProtection', pool?.DeletionProtection, props.DeletionProtection);
    const policy = isObject(props.Policies) ? props.Policies.PasswordPolicy : undefined;
    if (isObject(policy)) {
      const actual = pool?.Policies?.PasswordPolicy ?? {};
      for (const [key, value] of Object.entries(policy)) {
        record.equal('api', `PasswordPolicy.${key}`, actual[key as keyof typeof actual], value);
      }
    }
    const custom = asArray(props.Schema)
      .filter(isObject)
      .map((attribute) => String(attribute.Name));
    const attributes = new Set(
      (pool?.SchemaAttributes ?? []).map((attribute) => attribute.Name?.replace(/^custom:/, '')),
    );
    record.that(
      'api',
      `schema has ${custom.join(', ')}`,
      custom.every((name) => attributes.has(name)),
    );
    return record.findings;
  },
};

export const cognitoUserPoolClient: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const { UserPoolClient: client } = await aws().cognito.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: String(resolve(props.UserPoolId ?? null, stack)),
        ClientId: stack.resources.get(id)?.physicalId ?? '',
      }),
    );
    record.equal('api', 'ClientName', client?.ClientName, props.ClientName);
    record.equal(
      'api',
      'ExplicitAuthFlows',
      [...(client?.ExplicitAuthFlows ?? [])].sort(),
      asArray(props.ExplicitAuthFlows).sort(),
    );
    record.equal('api', 'has a secret', client?.ClientSecret !== undefined, props.GenerateSecret === true);
    for (const key of [
      'PreventUserExistenceErrors',
      'EnableTokenRevocation',
      'AccessTokenValidity',
      'IdTokenValidity',
      'RefreshTokenValidity',
    ] as const) {
      if (props[key] !== undefined) record.equal('api', key, client?.[key], props[key]);
    }
    return record.findings;
  },
};
