// The table, through the DynamoDB API. moto's CloudFormation ignores TimeToLiveSpecification,
// PointInTimeRecoverySpecification and SSESpecification: when the API shows them off, they are
// checked from the template instead (and counted as not emulated).

import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { aws } from '../../aws';
import { asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import type { ResourceCheck } from './types';

const byName = (items: object[], key: string) =>
  [...items].sort((a, b) =>
    String((a as Record<string, unknown>)[key]).localeCompare(String((b as Record<string, unknown>)[key])),
  );

export const dynamodbTable: ResourceCheck = {
  emulated: true,
  ignoredProperties: ['TimeToLiveSpecification', 'PointInTimeRecoverySpecification', 'SSESpecification'],
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const name = stack.resources.get(id)?.physicalId ?? '';
    const { Table: table } = await aws().dynamodb.send(new DescribeTableCommand({ TableName: name }));
    record.equal('api', 'TableName', table?.TableName, props.TableName ?? name);
    record.equal('api', 'KeySchema', table?.KeySchema, props.KeySchema);
    record.equal(
      'api',
      'AttributeDefinitions',
      byName(table?.AttributeDefinitions ?? [], 'AttributeName'),
      byName(asArray(props.AttributeDefinitions).filter(isObject), 'AttributeName'),
    );
    record.equal(
      'api',
      'GlobalSecondaryIndexes',
      byName(
        (table?.GlobalSecondaryIndexes ?? []).map(({ IndexName, KeySchema, Projection }) => ({
          IndexName,
          KeySchema,
          Projection,
        })),
        'IndexName',
      ),
      byName(asArray(props.GlobalSecondaryIndexes).filter(isObject), 'IndexName'),
    );
    record.equal('api', 'BillingMode', table?.BillingModeSummary?.BillingMode, props.BillingMode);
    const stream = isObject(props.StreamSpecification) ? props.StreamSpecification.StreamViewType : undefined;
    record.equal(
      'api',
      'stream',
      {
        enabled: table?.StreamSpecification?.StreamEnabled ?? false,
        view: table?.StreamSpecification?.StreamViewType,
      },
      { enabled: stream !== undefined, view: stream },
    );
    record.equal(
      'api',
      'DeletionProtectionEnabled',
      table?.DeletionProtectionEnabled ?? false,
      props.DeletionProtectionEnabled ?? false,
    );

    const ttl = isObject(props.TimeToLiveSpecification) ? props.TimeToLiveSpecification : undefined;
    if (ttl?.Enabled === true) {
      const { TimeToLiveDescription: actual } = await aws().dynamodb.send(
        new DescribeTimeToLiveCommand({ TableName: name }),
      );
      record.equalOrIgnored(
        'TTL',
        { status: actual?.TimeToLiveStatus, attribute: actual?.AttributeName },
        { status: 'ENABLED', attribute: ttl.AttributeName },
      );
    }
    const pitr =
      isObject(props.PointInTimeRecoverySpecification) &&
      props.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled;
    if (pitr === true) {
      const { ContinuousBackupsDescription: backups } = await aws().dynamodb.send(
        new DescribeContinuousBackupsCommand({ TableName: name }),
      );
      record.equalOrIgnored(
        'point-in-time recovery',
        backups?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus,
        'ENABLED',
      );
    }
    const sse = isObject(props.SSESpecification) && props.SSESpecification.SSEEnabled;
    if (sse === true) {
      record.equalOrIgnored('server-side encryption', table?.SSEDescription?.Status, 'ENABLED');
    }
    return record.findings;
  },
};
