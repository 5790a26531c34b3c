// Lambda event source mappings (a stream consumer's batching, retries, filters and on-failure
// destination), read back through the Lambda API: moto's CloudFormation creates them, on a stream
// of its own DynamoDB table.

import { GetEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { aws } from '../../aws';
import { type Json, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

// Template properties that the API returns under the same name and shape.
const SAME = [
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'StartingPosition',
  'MaximumRetryAttempts',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'FunctionResponseTypes',
  'ParallelizationFactor',
  'TumblingWindowInSeconds',
] as const;

export const lambdaEventSourceMapping: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const uuid = stack.resources.get(id)?.physicalId ?? '';
    const mapping = await aws().lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
    const deployed = mapping as unknown as Record<string, Json | undefined>;
    record.equal(
      'api',
      'EventSourceArn',
      mapping.EventSourceArn,
      resolve(props.EventSourceArn ?? null, stack),
    );
    record.equal('api', 'FunctionArn', mapping.FunctionArn, resolve(props.FunctionName ?? null, stack));
    record.equal('api', 'State', mapping.State, props.Enabled === false ? 'Disabled' : 'Enabled');
    for (const key of SAME) {
      if (props[key] !== undefined) record.equal('api', key, deployed[key], props[key]);
    }
    if (props.FilterCriteria !== undefined) {
      record.equal('api', 'FilterCriteria', mapping.FilterCriteria, props.FilterCriteria);
    }
    if (isObject(props.DestinationConfig)) {
      record.equal(
        'api',
        'DestinationConfig (on failure)',
        mapping.DestinationConfig,
        resolve(props.DestinationConfig, stack),
      );
    }
    return record.findings;
  },
};
