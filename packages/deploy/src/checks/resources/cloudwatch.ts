// CloudWatch alarms and the dashboard, through the CloudWatch API. moto's CloudFormation creates
// dashboards itself; alarms through the handler in packages/deploy/moto/gallery_moto/cloudwatch.py.

import { DescribeAlarmsCommand, GetDashboardCommand } from '@aws-sdk/client-cloudwatch';
import { aws } from '../../aws';
import { type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import { resolve, resolveIfEmulated } from '../resolve';
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

/** Dimension values that name a resource moto skips (an HTTP API) are unknown here: emptied on both sides. */
const NOT_EMULATED = '';
function dimensionsOf(list: Json[], stack: Parameters<typeof resolveIfEmulated>[1]): Json[] {
  return byName(list).map((dimension) => ({
    Name: dimension.Name ?? null,
    Value: resolveIfEmulated(dimension.Value ?? null, stack) ?? NOT_EMULATED,
  }));
}

/** A metric query in the shape DescribeAlarms answers; `resolveDimensions` for the template's. */
function query(value: Json, resolveDimensions: (list: Json[]) => Json[] = byName): Json {
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
          Dimensions: resolveDimensions(asArray(metric.Dimensions)),
        }
      : null,
    Stat: stat?.Stat ?? null,
  };
}

export const cloudwatchAlarm: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const { Dimensions: dimensions = [], Metrics: metrics, ...rest } = resource.Properties ?? {};
    const props = resolve(rest, stack) as Record<string, Json>;
    const expectedDimensions = (list: Json[]) => dimensionsOf(list, stack);
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
    record.equal(
      'api',
      'Dimensions',
      byName(asArray(alarm?.Dimensions)),
      expectedDimensions(asArray(dimensions)),
    );
    const skipped = JSON.stringify(dimensions).match(/"Ref":"(\w+)"/g) ?? [];
    for (const reference of skipped.filter((ref) => !stack.resources.has(ref.slice(7, -1)))) {
      record.that('template', `dimension value ${reference} names a resource moto does not create`, true);
    }
    record.equal('api', 'AlarmActions', alarm?.AlarmActions, props.AlarmActions);
    record.equal('api', 'OKActions', alarm?.OKActions, props.OKActions);
    for (const action of [...asArray(props.AlarmActions), ...asArray(props.OKActions)]) {
      record.that(
        'template',
        `notifies SNS topic ${String(action)} of this account and region`,
        String(action).startsWith(`arn:aws:sns:${stack.region}:${stack.accountId}:`),
      );
    }
    if (metrics !== undefined) {
      record.equal(
        'api',
        'Metrics',
        asArray(alarm?.Metrics).map((item) => query(item)),
        asArray(metrics).map((item) => query(item, expectedDimensions)),
      );
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
