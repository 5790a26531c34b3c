// The packaged templates against the operations policy, written independently of the plugins that
// produce it (scripts/serverless/alarms.js, http-throttling.js): every resource that can fail has
// its alarm with the threshold of scripts/serverless/alarm-rules.json, every alarm notifies the
// alerts topic, every HTTP API stage logs and throttles, every queue is encrypted and every log
// group expires. Run by check-templates after `pnpm package`.
import alarmRules from './serverless/alarm-rules.json';
import type { Template } from './check-templates';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Props = Record<string, Json>;

const isObject = (value: unknown): value is Props =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => JSON.stringify(value ?? null);
const { rules } = alarmRules;

interface AlarmView {
  id: string;
  metric: string | undefined;
  metrics: string[];
  dimensions: Record<string, string>;
  threshold: unknown;
  props: Props;
}

function alarmsOf(template: Template): AlarmView[] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Alarm')
    .map(([id, resource]) => {
      const props = resource.Properties ?? {};
      const dimensions = Array.isArray(props.Dimensions) ? props.Dimensions.filter(isObject) : [];
      const metrics = (Array.isArray(props.Metrics) ? props.Metrics : [])
        .filter(isObject)
        .map((query) =>
          isObject(query.MetricStat) ? text(query.MetricStat.Metric) : String(query.Expression),
        );
      return {
        id,
        metric: typeof props.MetricName === 'string' ? props.MetricName : undefined,
        metrics,
        dimensions: Object.fromEntries(dimensions.map((d) => [String(d.Name), text(d.Value)])),
        threshold: props.Threshold,
        props,
      };
    });
}

const ofType = (template: Template, type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** Every alarm the resources of a template call for is there, with its rule's threshold. */
export function checkAlarms(template: Template): string[] {
  const problems: string[] = [];
  const alarms = alarmsOf(template);
  const expect = (what: string, threshold: number, match: (alarm: AlarmView) => boolean) => {
    const found = alarms.filter(match);
    if (found.length !== 1) problems.push(`${found.length} alarm(s) for ${what}, expected 1`);
    else if (found[0]?.threshold !== threshold)
      problems.push(`alarm for ${what}: threshold ${text(found[0]?.threshold)}, expected ${threshold}`);
  };
  const on = (metric: string, dimension: string, value: Json) => (alarm: AlarmView) =>
    alarm.metric === metric && alarm.dimensions[dimension] === text(value);

  const integrations = text(ofType(template, 'AWS::ApiGatewayV2::Integration'));
  for (const [id, fn] of ofType(template, 'AWS::Lambda::Function')) {
    const http = integrations.includes(`"${id}"`);
    const reserved = fn.Properties?.ReservedConcurrentExecutions !== undefined;
    const errors = http ? rules.httpFunctionErrors : rules.backgroundFunctionErrors;
    expect(`${id} errors`, errors.threshold, on('Errors', 'FunctionName', { Ref: id }));
    const throttles = alarms.filter(on('Throttles', 'FunctionName', { Ref: id }));
    const periods = (reserved ? rules.reservedFunctionThrottles : rules.functionThrottles).evaluationPeriods;
    if (throttles.length !== 1 || throttles[0]?.props.EvaluationPeriods !== periods) {
      problems.push(`${id}: expected one throttles alarm over ${periods} period(s)`);
    }
  }
  const failureSources = text(
    Object.values(template.Resources).map((resource) => {
      const props = resource.Properties ?? {};
      return [
        props.DestinationConfig,
        props.DeadLetterConfig,
        isObject(props.RedrivePolicy) ? props.RedrivePolicy.deadLetterTargetArn : null,
      ];
    }),
  );
  for (const [id] of ofType(template, 'AWS::SQS::Queue')) {
    if (!failureSources.includes(`"${id}"`)) continue;
    expect(
      `failure queue ${id}`,
      rules.failureQueueMessages.threshold,
      on('ApproximateNumberOfMessagesVisible', 'QueueName', { 'Fn::GetAtt': [id, 'QueueName'] }),
    );
  }
  const consumers = new Set(
    ofType(template, 'AWS::Lambda::EventSourceMapping')
      .filter(([, mapping]) => mapping.Properties?.StartingPosition !== undefined)
      .map(([, mapping]) => text(mapping.Properties?.FunctionName).match(/"(\w+LambdaFunction)"/)?.[1]),
  );
  for (const id of consumers) {
    if (!id) problems.push('a stream event source mapping names no function of the stack');
    else
      expect(
        `${id} iterator age`,
        rules.streamIteratorAge.threshold,
        on('IteratorAge', 'FunctionName', { Ref: id }),
      );
  }
  for (const [id] of ofType(template, 'AWS::StepFunctions::StateMachine')) {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      expect(`${id} ${metric}`, 1, on(metric, 'StateMachineArn', { Ref: id }));
    }
  }
  for (const [id] of ofType(template, 'AWS::ApiGatewayV2::Api')) {
    expect(
      `${id} 5xx rate`,
      rules.httpApi5xxRate.threshold,
      (alarm) =>
        alarm.metrics.some((m) => m.includes('"5xx"')) && alarm.metrics.some((m) => m.includes('"Count"')),
    );
  }
  for (const [, route] of ofType(template, 'AWS::ApiGatewayV2::Route')) {
    const [method, path = ''] = String(route.Properties?.RouteKey).split(' ');
    const override = rules.routeLatencyP99.overrides.find((o) => path.startsWith(o.routePrefix));
    expect(
      `${method} ${path} p99 latency`,
      (override ?? rules.routeLatencyP99).threshold,
      (alarm) =>
        alarm.metric === 'Latency' &&
        alarm.props.ExtendedStatistic === 'p99' &&
        alarm.dimensions.Method === text(method) &&
        alarm.dimensions.Resource === text(path),
    );
  }
  for (const [id, table] of ofType(template, 'AWS::DynamoDB::Table')) {
    const indexes = Array.isArray(table.Properties?.GlobalSecondaryIndexes)
      ? table.Properties.GlobalSecondaryIndexes.length
      : 0;
    expect(
      `${id} throttled requests`,
      rules.tableThrottles.threshold,
      (alarm) =>
        alarm.metrics.filter((m) => m.includes('ThrottleEvents') && m.includes(`"Ref":"${id}"`)).length ===
        2 * (indexes + 1),
    );
  }
  for (const [id] of ofType(template, 'AWS::CloudFront::Distribution')) {
    expect(
      `${id} 5xx rate`,
      rules.cloudFront5xxRate.threshold,
      on('5xxErrorRate', 'DistributionId', { Ref: id }),
    );
  }
  // One topic for everything, on alarm and on recovery: the alerts stack's.
  const topics = new Set(
    alarms.flatMap((alarm) => [text(alarm.props.AlarmActions), text(alarm.props.OKActions)]),
  );
  if (topics.size > 1) problems.push(`alarms notify more than one target: ${[...topics].join(', ')}`);
  for (const topic of topics) {
    if (!/gallery-alarms-|"Ref":"AlarmTopic"|:sns:/.test(topic))
      problems.push(`alarms notify ${topic}, not the alarm topic`);
  }
  return problems;
}

export interface StageExpectations {
  /** Route keys that must have limits of their own, tighter than the stage default. */
  tighterRoutes: string[];
}

/** Every HTTP API stage: JSON access logs to an expiring log group, route metrics and throttling. */
export function checkHttpStages(template: Template, expected: StageExpectations): string[] {
  const problems: string[] = [];
  const routeKeys = new Set(
    ofType(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => String(r.Properties?.RouteKey)),
  );
  for (const [id, stage] of ofType(template, 'AWS::ApiGatewayV2::Stage')) {
    const props = stage.Properties ?? {};
    const defaults = isObject(props.DefaultRouteSettings) ? props.DefaultRouteSettings : {};
    const rate = Number(defaults.ThrottlingRateLimit);
    const burst = Number(defaults.ThrottlingBurstLimit);
    if (!(rate > 0 && burst > 0)) problems.push(`${id}: no default throttling (rate and burst)`);
    if (defaults.DetailedMetricsEnabled !== true) problems.push(`${id}: route metrics are off`);
    const log = isObject(props.AccessLogSettings) ? props.AccessLogSettings : {};
    const group = text(log.DestinationArn).match(/"Fn::GetAtt":\["(\w+)","Arn"\]/)?.[1];
    if (!group || template.Resources[group]?.Type !== 'AWS::Logs::LogGroup')
      problems.push(`${id}: access logs go to no log group of the stack`);
    let format: Record<string, unknown> = {};
    try {
      format = JSON.parse(String(log.Format)) as Record<string, unknown>;
    } catch {
      problems.push(`${id}: the access log format is not JSON`);
    }
    for (const field of ['$context.requestId', '$context.routeKey', '$context.status'])
      if (!Object.values(format).includes(field)) problems.push(`${id}: access logs lack ${field}`);
    if (String(log.Format).includes('$context.path'))
      problems.push(`${id}: access logs carry the path (share tokens); log the route key`);
    const routeSettings = isObject(props.RouteSettings) ? props.RouteSettings : {};
    for (const key of Object.keys(routeSettings))
      if (!routeKeys.has(key)) problems.push(`${id}: route settings for ${key}, which the API does not have`);
    for (const key of expected.tighterRoutes) {
      const own = routeSettings[key];
      if (
        !isObject(own) ||
        !(Number(own.ThrottlingRateLimit) < rate && Number(own.ThrottlingBurstLimit) <= burst)
      )
        problems.push(`${id}: ${key} has no throttle tighter than the default`);
    }
  }
  return problems;
}

/** Encryption and expiry the IaC policy leaves to this check (see .ci/checkov.yaml). */
export function checkEncryptionAndRetention(template: Template): string[] {
  const problems: string[] = [];
  for (const [id, queue] of ofType(template, 'AWS::SQS::Queue')) {
    const props = queue.Properties ?? {};
    if (props.SqsManagedSseEnabled !== true && props.KmsMasterKeyId === undefined)
      problems.push(`${id}: queue not encrypted (SqsManagedSseEnabled or KmsMasterKeyId)`);
  }
  for (const [id, group] of ofType(template, 'AWS::Logs::LogGroup')) {
    if (!(Number(group.Properties?.RetentionInDays) > 0)) problems.push(`${id}: log group kept forever`);
  }
  for (const [id, bucket] of ofType(template, 'AWS::S3::Bucket')) {
    const props = bucket.Properties ?? {};
    if (!text(props.BucketEncryption).includes('SSEAlgorithm')) problems.push(`${id}: bucket not encrypted`);
    const block = isObject(props.PublicAccessBlockConfiguration) ? props.PublicAccessBlockConfiguration : {};
    for (const flag of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'])
      if (block[flag] !== true) problems.push(`${id}: PublicAccessBlockConfiguration.${flag} is not true`);
  }
  return problems;
}
