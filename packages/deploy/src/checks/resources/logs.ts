import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { aws } from '../../aws';
import { Recorder } from '../recorder';
import type { ResourceCheck } from './types';

export const logGroup: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const name = stack.resources.get(id)?.physicalId ?? '';
    const { logGroups = [] } = await aws().logs.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
    );
    const group = logGroups.find((candidate) => candidate.logGroupName === name);
    record.that('api', `log group ${name} exists`, group !== undefined);
    record.equal('api', 'retention in days', group?.retentionInDays, resource.Properties?.RetentionInDays);
    return record.findings;
  },
};
