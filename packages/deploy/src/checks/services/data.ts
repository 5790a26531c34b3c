import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { aws } from '../../aws';
import { Recorder } from '../recorder';
import type { ServiceExpectations } from './expectations';

export const data: ServiceExpectations = {
  // The outputs every other stack reads are the table's own name, ARN and stream, and the
  // idempotency store's.
  async check(stack) {
    const record = new Recorder(stack.service, 'outputs', 'table outputs');
    const { Table } = await aws().dynamodb.send(
      new DescribeTableCommand({ TableName: stack.outputs.TableName }),
    );
    record.equal('api', 'TableArn output', stack.outputs.TableArn, Table?.TableArn);
    record.equal('api', 'TableStreamArn output', stack.outputs.TableStreamArn, Table?.LatestStreamArn);
    const { Table: store } = await aws().dynamodb.send(
      new DescribeTableCommand({ TableName: stack.outputs.IdempotencyTableName }),
    );
    record.equal('api', 'IdempotencyTableArn output', stack.outputs.IdempotencyTableArn, store?.TableArn);
    return record.findings;
  },
};
