// Lambda: functions, their published versions and invoke permissions (through the Lambda API), and
// the asynchronous-invocation settings moto's CloudFormation skips (from the template).

import {
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  ListVersionsByFunctionCommand,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { aws } from '../../aws';
import { type Json, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve, resolveIfEmulated } from '../resolve';
import type { ResourceCheck } from './types';

const text = (value: Json | undefined): string => (typeof value === 'string' ? value : JSON.stringify(value));

export const lambdaFunction: ResourceCheck = {
  emulated: true,
  // moto creates every function for x86_64.
  ignoredProperties: ['Architectures'],
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const name = stack.resources.get(id)?.physicalId ?? '';
    const config = await aws().lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    record.equal('api', 'FunctionName', config.FunctionName, props.FunctionName ?? name);
    for (const key of ['Runtime', 'Handler', 'MemorySize', 'Timeout', 'Description'] as const) {
      record.equal('api', key, config[key], props[key]);
    }
    record.equalOrIgnored('Architectures', config.Architectures, props.Architectures ?? ['x86_64']);
    const tracing = isObject(props.TracingConfig) ? props.TracingConfig.Mode : undefined;
    record.equalOrIgnored(
      'TracingConfig',
      config.TracingConfig?.Mode ?? 'PassThrough',
      tracing ?? 'PassThrough',
    );
    record.equal('api', 'Role', config.Role, resolve(props.Role ?? null, stack));
    const actual = config.Environment?.Variables ?? {};
    const expected =
      isObject(props.Environment) && isObject(props.Environment.Variables) ? props.Environment.Variables : {};
    record.equal(
      'api',
      'environment variable names',
      Object.keys(actual).sort(),
      Object.keys(expected).sort(),
    );
    for (const [key, value] of Object.entries(expected)) {
      const resolved = resolveIfEmulated(value, stack);
      if (resolved === undefined) {
        record.that(
          'template',
          `${key} names a resource the emulator does not create (${text(value)})`,
          true,
        );
      } else {
        record.equal('api', `${key}`, actual[key], resolved);
      }
    }
    return record.findings;
  },
};

/**
 * osls writes the hash of the zip it packaged into the version resource: the function's code must
 * have that hash, which proves the artifact upload. (Compared with the function rather than the
 * version: moto publishes a new version before it updates the function's code.)
 */
export const lambdaVersion: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const functionName = String(resolve(props.FunctionName ?? null, stack));
    const { Versions = [] } = await aws().lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: functionName }),
    );
    const published = Versions.filter((version) => version.Version !== '$LATEST');
    record.that('api', `${functionName} has a published version`, published.length > 0, 'only $LATEST');
    if (props.CodeSha256 !== undefined) {
      const config = await aws().lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: functionName }),
      );
      record.equal('api', 'code hash (the packaged zip)', config.CodeSha256, props.CodeSha256);
    }
    return record.findings;
  },
};

interface PolicyStatement {
  Action?: string;
  Principal?: { Service?: string } | string;
  Condition?: Record<string, Record<string, string>>;
}

export const lambdaPermission: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const functionName = String(resolve(props.FunctionName ?? null, stack));
    const { Policy = '{}' } = await aws().lambda.send(new GetPolicyCommand({ FunctionName: functionName }));
    const statements = ((JSON.parse(Policy) as { Statement?: PolicyStatement[] }).Statement ?? []).filter(
      (statement) =>
        statement.Action === props.Action &&
        (typeof statement.Principal === 'object' ? statement.Principal.Service : statement.Principal) ===
          props.Principal,
    );
    record.that(
      'api',
      `${functionName} may be invoked by ${text(props.Principal)}`,
      statements.length > 0,
      'no such statement',
    );
    if (props.SourceArn === undefined) return record.findings;
    const sourceArn = resolveIfEmulated(props.SourceArn, stack);
    if (sourceArn === undefined) {
      record.that(
        'template',
        `only from ${text(props.SourceArn)} (a resource the emulator does not create)`,
        true,
      );
    } else {
      const arns = statements.map((statement) => statement.Condition?.ArnLike?.['AWS:SourceArn']);
      record.that(
        'api',
        `only from ${String(sourceArn)}`,
        arns.includes(String(sourceArn)),
        JSON.stringify(arns),
      );
    }
    return record.findings;
  },
};

/** Retries and the failure destination of asynchronous invocations (moto's CloudFormation skips the type). */
export const lambdaEventInvokeConfig: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const target = isObject(props.FunctionName) ? props.FunctionName.Ref : undefined;
    record.that(
      'template',
      `FunctionName is a function of the stack (${text(props.FunctionName)})`,
      typeof target === 'string' && stack.template.Resources[target]?.Type === 'AWS::Lambda::Function',
    );
    record.that(
      'template',
      `MaximumRetryAttempts = ${text(props.MaximumRetryAttempts)}`,
      typeof props.MaximumRetryAttempts === 'number',
    );
    const onFailure =
      isObject(props.DestinationConfig) && isObject(props.DestinationConfig.OnFailure)
        ? props.DestinationConfig.OnFailure.Destination
        : undefined;
    if (onFailure === undefined) return record.findings;
    // The destination is a queue of the stack, which the emulator does create: it must exist.
    const destination = String(resolveIfEmulated(onFailure, stack) ?? '');
    const queueId =
      isObject(onFailure) && Array.isArray(onFailure['Fn::GetAtt']) ? String(onFailure['Fn::GetAtt'][0]) : '';
    const queueUrl = stack.resources.get(queueId)?.physicalId;
    if (!queueUrl) {
      record.that('template', `on failure: ${text(onFailure)}`, destination !== '');
      return record.findings;
    }
    const { Attributes = {} } = await aws().sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    record.equal('api', 'on-failure destination (an existing queue)', Attributes.QueueArn, destination);
    return record.findings;
  },
};
