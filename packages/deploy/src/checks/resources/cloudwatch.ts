// CloudWatch alarms and the dashboard, through the CloudWatch API. moto's CloudFormation creates
// dashboards itself; alarms through the handler in packages/deploy/moto/gallery_moto/cloudwatch.py.

import { DescribeAlarmsCommand, GetDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { aws } from '../../aws';
import { type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

// Template properties that DescribeAlarms returns under the same name.
const SCALARS = [
  'Namespace',
  'MetricName',
  'Statistic',
  'ExtendedStatistic',
  'Period',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
];

const byName = (list: Json[]) =>
  [...list].filter(isObject).sort((a, b) => String(a.Name).localeCompare(String(b.Name)));

/** A metric query as the template states it, in the shape DescribeAlarms answers. */
function query(value: Json): Json {
  if (!isObject(value)) return value;
  const stat = isObject(value.MetricStat) ? value.MetricStat : undefined;
  const metric = stat && isObject(stat.Metric) ? stat.Metric : undefined;
  return {
    Id: value.Id ?? null,
    Expression: value.Expression ?? null,
    ReturnData: value.ReturnData ?? null,
    Metric: metric
      ? {
          Namespace: metric.Namespace ?? null,
          MetricName: metric.MetricName ?? null,
          Dimensions: byName(asArray(metric.Dimensions)),
        }
      : null,
    Stat: stat?.Stat ?? null,
  };
}

export const cloudwatchAlarm: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resolve(resource.Properties ?? {}, stack) as Record<string, Json>;
    const name = stack.resources.get(id)?.physicalId ?? '';
    const { MetricAlarms = [] } = await aws().cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmNames: [name] }),
    );
    const alarm = MetricAlarms[0] as unknown as Record<string, Json> | undefined;
    record.that('api', `alarm ${JSON.stringify(name)} exists`, alarm !== undefined);
    record.equal('api', 'AlarmName', alarm?.AlarmName, props.AlarmName);
    for (const key of SCALARS) {
      if (props[key] !== undefined) record.equal('api', key, alarm?.[key], props[key]);
    }
    record.equal('api', 'Dimensions', byName(asArray(alarm?.Dimensions)), byName(asArray(props.Dimensions)));
    record.equal('api', 'AlarmActions', alarm?.AlarmActions, props.AlarmActions);
    record.equal('api', 'OKActions', alarm?.OKActions, props.OKActions);
    for (const action of [...asArray(props.AlarmActions), ...asArray(props.OKActions)]) {
      record.that(
        'template',
        `notifies SNS topic ${String(action)} of this account and region`,
        String(action).startsWith(`arn:aws:sns:${stack.region}:${stack.accountId}:`),
      );
    }
    if (props.Metrics !== undefined) {
      record.equal('api', 'Metrics', asArray(alarm?.Metrics).map(query), asArray(props.Metrics).map(query));
    }
    return record.findings;
  },
};

export const cloudwatchDashboard: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resolve(resource.Properties ?? {}, stack) as Record<string, Json>;
    const name = stack.resources.get(id)?.physicalId ?? '';
    const dashboard = await aws().cloudwatch.send(new GetDashboardCommand({ DashboardName: name }));
    record.equal('api', 'DashboardName', dashboard.DashboardName, props.DashboardName);
    record.equal(
      'api',
      'DashboardBody',
      JSON.parse(dashboard.DashboardBody ?? 'null') as Json,
      JSON.parse(String(props.DashboardBody)) as Json,
    );
    return record.findings;
  },
};
