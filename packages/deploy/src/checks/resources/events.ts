// EventBridge rules (the schedules) and their targets, through the EventBridge API.

import { DescribeRuleCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { aws } from '../../aws';
import { asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

export const eventsRule: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const name = stack.resources.get(id)?.physicalId ?? '';
    const rule = await aws().events.send(new DescribeRuleCommand({ Name: name }));
    record.equal('api', 'ScheduleExpression', rule.ScheduleExpression, props.ScheduleExpression);
    record.equal('api', 'State', rule.State, props.State ?? 'ENABLED');
    if (props.EventPattern !== undefined) {
      record.equal('api', 'EventPattern', JSON.parse(rule.EventPattern ?? 'null'), props.EventPattern);
    }
    const { Targets = [] } = await aws().events.send(new ListTargetsByRuleCommand({ Rule: name }));
    const expected = asArray(props.Targets).filter(isObject);
    record.equal(
      'api',
      'targets',
      Targets.map((target) => ({ Id: target.Id, Arn: target.Arn, Input: target.Input })),
      expected.map((target) => ({
        Id: target.Id,
        Arn: resolve(target.Arn ?? null, stack),
        Input: target.Input,
      })),
    );
    return record.findings;
  },
};
