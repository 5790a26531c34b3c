import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { aws } from '../../aws';
import { Recorder } from '../recorder';
import type { ResourceCheck } from './types';

// Template properties that are queue attributes of the same name.
const ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'SqsManagedSseEnabled',
  'FifoQueue',
];

export const sqsQueue: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const queueUrl = stack.resources.get(id)?.physicalId ?? '';
    const { Attributes = {} } = await aws().sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }),
    );
    record.that('api', `queue ${queueUrl.split('/').pop()} exists`, Attributes.QueueArn !== undefined);
    for (const attribute of ATTRIBUTES) {
      if (props[attribute] !== undefined) {
        record.equal(
          'api',
          attribute,
          (Attributes as Record<string, string>)[attribute],
          String(props[attribute]),
        );
      }
    }
    if (props.RedrivePolicy !== undefined) {
      record.equal(
        'api',
        'RedrivePolicy',
        JSON.parse(Attributes.RedrivePolicy ?? 'null'),
        props.RedrivePolicy,
      );
    }
    return record.findings;
  },
};
