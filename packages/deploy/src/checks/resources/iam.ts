// IAM: each function's role and its inline policies exactly as the template (its config.yml)
// states them, nothing more.

import {
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { aws } from '../../aws';
import { type DeployedStack, type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import { normalisePolicy, parsePolicyDocument } from './policy-document';
import type { ResourceCheck } from './types';

async function inlinePolicy(roleName: string, policyName: string): Promise<Json> {
  const { PolicyDocument = '{}' } = await aws().iam.send(
    new GetRolePolicyCommand({ RoleName: roleName, PolicyName: policyName }),
  );
  return normalisePolicy(parsePolicyDocument(PolicyDocument));
}

/** Names of the AWS::IAM::Policy resources of the stack that attach to this role. */
function policiesAttachedTo(roleId: string, stack: DeployedStack): string[] {
  return Object.values(stack.template.Resources)
    .filter((resource) => resource.Type === 'AWS::IAM::Policy')
    .filter((resource) =>
      asArray(resource.Properties?.Roles).some((role) => isObject(role) && role.Ref === roleId),
    )
    .map((resource) => String(resource.Properties?.PolicyName));
}

export const iamRole: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const roleName = stack.resources.get(id)?.physicalId ?? '';
    const { Role } = await aws().iam.send(new GetRoleCommand({ RoleName: roleName }));
    record.equal(
      'api',
      'trust policy',
      normalisePolicy(parsePolicyDocument(Role?.AssumeRolePolicyDocument ?? '{}')),
      // A trust policy may use intrinsic functions too (the state machines' roles name the regional
      // Step Functions principal with Fn::Sub).
      normalisePolicy(resolve(props.AssumeRolePolicyDocument ?? null, stack)),
    );
    const own = asArray(props.Policies).filter(isObject);
    const { PolicyNames = [] } = await aws().iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
    record.equal(
      'api',
      'inline policies (its own and the stack policies naming it, nothing else)',
      [...PolicyNames].sort(),
      [...own.map((policy) => String(policy.PolicyName)), ...policiesAttachedTo(id, stack)].sort(),
    );
    for (const policy of own) {
      record.equal(
        'api',
        `policy ${String(policy.PolicyName)}`,
        await inlinePolicy(roleName, String(policy.PolicyName)),
        normalisePolicy(resolve(policy.PolicyDocument ?? null, stack)),
      );
    }
    const { AttachedPolicies = [] } = await aws().iam.send(
      new ListAttachedRolePoliciesCommand({ RoleName: roleName }),
    );
    record.equal(
      'api',
      'managed policies',
      AttachedPolicies.map((policy) => policy.PolicyArn),
      asArray(resolve(props.ManagedPolicyArns ?? null, stack)),
    );
    return record.findings;
  },
};

export const iamPolicy: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const expected = normalisePolicy(resolve(props.PolicyDocument ?? null, stack));
    for (const role of asArray(resolve(props.Roles ?? null, stack))) {
      record.equal(
        'api',
        `policy ${String(props.PolicyName)} of role ${String(role)}`,
        await inlinePolicy(String(role), String(props.PolicyName)),
        expected,
      );
    }
    return record.findings;
  },
};
