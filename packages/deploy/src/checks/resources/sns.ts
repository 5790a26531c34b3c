// The alarm topic. moto's CloudFormation creates topics: the physical id is the topic's ARN.
// Subscriptions it skips (and the alerts stack creates one only when an email is given).

import { isObject } from '../model';
import { Recorder } from '../recorder';
import type { ResourceCheck } from './types';

export const snsTopic: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const arn = stack.resources.get(id)?.physicalId ?? '';
    record.equal(
      'api',
      'topic ARN',
      arn,
      `arn:aws:sns:${stack.region}:${stack.accountId}:${String(resource.Properties?.TopicName)}`,
    );
    return record.findings;
  },
};

export const snsSubscription: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    record.equal('template', 'Protocol', props.Protocol, 'email');
    record.that(
      'template',
      'subscribes the topic of this stack',
      isObject(props.TopicArn) &&
        stack.template.Resources[String(props.TopicArn.Ref)]?.Type === 'AWS::SNS::Topic',
    );
    return record.findings;
  },
};
