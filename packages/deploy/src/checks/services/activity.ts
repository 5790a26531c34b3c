import { GetEventSourceMappingCommand } from '@aws-sdk/client-lambda';
import { aws } from '../../aws';
import { Recorder } from '../recorder';
import { type ServiceExpectations, output } from './expectations';
import { queueArn, tableOrStreamArns } from './rules';

export const activity: ServiceExpectations = {
  environment: {
    TABLE_NAME: output('data', 'TableName'),
  },
  iamResources: {
    dynamodb: tableOrStreamArns,
    sqs: queueArn('activity', 'StreamFailuresQueueArn'),
  },
  // Every stream function reads the data stack's table stream (its TableStreamArn output), not the
  // offline default, and reports discarded batches to this stack's queue.
  async check(stack, stacks) {
    const record = new Recorder(stack.service, 'stream functions', 'AWS::Lambda::EventSourceMapping');
    const stream = stacks.get('data')?.outputs.TableStreamArn;
    const queue = stack.outputs.StreamFailuresQueueArn;
    const resources = [...stack.resources.values()];
    const functions = resources.filter((r) => r.type === 'AWS::Lambda::Function');
    const mappings = await Promise.all(
      resources
        .filter((r) => r.type === 'AWS::Lambda::EventSourceMapping')
        .map((r) => aws().lambda.send(new GetEventSourceMappingCommand({ UUID: r.physicalId }))),
    );
    record.that('api', 'the stack has stream functions', functions.length > 0);
    for (const fn of functions) {
      const own = mappings.filter((m) => m.FunctionArn?.endsWith(`:function:${fn.physicalId}`));
      record.equal(
        'api',
        `${fn.physicalId} reads data.TableStreamArn`,
        own.map((m) => m.EventSourceArn),
        [stream],
      );
      record.equal(
        'api',
        `${fn.physicalId} sends discarded batches to ${queue}`,
        own.map((m) => m.DestinationConfig?.OnFailure?.Destination),
        [queue],
      );
    }
    return record.findings;
  },
};
