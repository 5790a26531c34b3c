'use strict';

// Gives every stack the CloudWatch alarms of the resources it owns, derived from its compiled
// template, so a new function, queue, stream consumer, state machine, route or distribution is
// watched without anyone writing an alarm. Thresholds and reasons live in alarm-rules.json (the
// README's alarm table is generated from it). Every alarm notifies one SNS topic (the alerts
// stack's, wired through compose as the `alarmTopicArn` param) when it fires and when it clears.
//
// serverless.yml:  custom.alarms.topicArn: <the topic's ARN>

const { rules } = require('./alarm-rules.json');
const { referencedLogicalIds } = require('./implied-dependencies');

const resourcesOf = (template, type) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** Logical ids of `type` that a template value references. */
function referencesOfType(template, value, type) {
  return [...referencedLogicalIds(value)].filter((id) => template.Resources[id]?.Type === type);
}

/** `<stack name> <text>`: alarm names read well in a notification and are unique per stack. */
const alarmName = (text) => ({ 'Fn::Join': [' ', [{ Ref: 'AWS::StackName' }, text]] });

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Properties every alarm shares: its rule's evaluation, the topic on alarm and on recovery. */
function baseAlarm(rule, { name, topicArn, threshold = rule.threshold, why = rule.why }) {
  return {
    AlarmName: alarmName(name),
    AlarmDescription: clip(`${rule.what} ≥ ${threshold} ${rule.unit}: ${why}`, 1024),
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    Threshold: threshold,
    EvaluationPeriods: rule.evaluationPeriods,
    DatapointsToAlarm: rule.datapointsToAlarm,
    // No traffic is not a failure.
    TreatMissingData: 'notBreaching',
    AlarmActions: [topicArn],
    OKActions: [topicArn],
  };
}

function metricAlarm(rule, { dimensions, ...options }) {
  const statistic = /^p\d/.test(rule.statistic)
    ? { ExtendedStatistic: rule.statistic, EvaluateLowSampleCountPercentile: 'ignore' }
    : { Statistic: rule.statistic };
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      ...baseAlarm(rule, options),
      Namespace: rule.namespace,
      MetricName: rule.metric,
      Dimensions: dimensions,
      Period: rule.period,
      ...statistic,
    },
  };
}

/** An alarm on a metric-math expression over `metrics` ({ id, namespace, metric, dimensions }). */
function expressionAlarm(rule, { expression, metrics, ...options }) {
  return {
    Type: 'AWS::CloudWatch::Alarm',
    Properties: {
      ...baseAlarm(rule, options),
      Metrics: [
        ...metrics.map(({ id, namespace, metric, dimensions }) => ({
          Id: id,
          ReturnData: false,
          MetricStat: {
            Metric: { Namespace: namespace, MetricName: metric, Dimensions: dimensions },
            Period: rule.period,
            Stat: rule.statistic,
          },
        })),
        { Id: 'result', Expression: expression, Label: rule.what, ReturnData: true },
      ],
    },
  };
}

const dimension = (Name, Value) => ({ Name, Value });

function functionAlarms(template, topicArn) {
  const alarms = {};
  const integrations = resourcesOf(template, 'AWS::ApiGatewayV2::Integration');
  for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
    const http = integrations.some(([, integration]) => referencedLogicalIds(integration).has(id));
    const reserved = fn.Properties?.ReservedConcurrentExecutions !== undefined;
    const name = fn.Properties?.FunctionName ?? id;
    const dimensions = [dimension('FunctionName', { Ref: id })];
    const errors = rules[http ? 'httpFunctionErrors' : 'backgroundFunctionErrors'];
    const throttles = rules[reserved ? 'reservedFunctionThrottles' : 'functionThrottles'];
    const label = typeof name === 'string' ? name.split('-').pop() : id;
    alarms[`${id}ErrorsAlarm`] = metricAlarm(errors, { name: `${label} errors`, dimensions, topicArn });
    alarms[`${id}ThrottlesAlarm`] = metricAlarm(throttles, {
      name: `${label} throttles`,
      dimensions,
      topicArn,
    });
  }
  return alarms;
}

/** Queues that receive what failed: on-failure destinations, dead-letter and redrive targets. */
function failureQueues(template) {
  const queues = new Set();
  const add = (value) => {
    for (const id of referencesOfType(template, value ?? null, 'AWS::SQS::Queue')) queues.add(id);
  };
  for (const [, resource] of Object.entries(template.Resources)) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::Lambda::EventInvokeConfig') add(props.DestinationConfig?.OnFailure);
    if (resource.Type === 'AWS::Lambda::EventSourceMapping') add(props.DestinationConfig?.OnFailure);
    if (resource.Type === 'AWS::Lambda::Function') add(props.DeadLetterConfig);
    if (resource.Type === 'AWS::SQS::Queue') add(props.RedrivePolicy?.deadLetterTargetArn);
    if (resource.Type === 'AWS::Events::Rule') {
      for (const target of props.Targets ?? []) add(target.DeadLetterConfig);
    }
  }
  return [...queues].sort();
}

function queueAlarms(template, topicArn) {
  const alarms = {};
  for (const id of failureQueues(template)) {
    alarms[`${id}MessagesAlarm`] = metricAlarm(rules.failureQueueMessages, {
      name: `${id} has messages`,
      dimensions: [dimension('QueueName', { 'Fn::GetAtt': [id, 'QueueName'] })],
      topicArn,
    });
  }
  return alarms;
}

function streamAlarms(template, topicArn) {
  const consumers = new Set();
  for (const [, mapping] of resourcesOf(template, 'AWS::Lambda::EventSourceMapping')) {
    // Only stream sources (DynamoDB, Kinesis, Kafka) take a starting position.
    if (mapping.Properties?.StartingPosition === undefined) continue;
    for (const id of referencesOfType(template, mapping.Properties.FunctionName, 'AWS::Lambda::Function'))
      consumers.add(id);
  }
  const alarms = {};
  for (const id of [...consumers].sort()) {
    alarms[`${id}IteratorAgeAlarm`] = metricAlarm(rules.streamIteratorAge, {
      name: `${id} iterator age`,
      dimensions: [dimension('FunctionName', { Ref: id })],
      topicArn,
    });
  }
  return alarms;
}

function stateMachineAlarms(template, topicArn) {
  const alarms = {};
  for (const [id] of resourcesOf(template, 'AWS::StepFunctions::StateMachine')) {
    const dimensions = [dimension('StateMachineArn', { Ref: id })];
    alarms[`${id}FailedAlarm`] = metricAlarm(rules.stateMachineFailed, {
      name: `${id} executions failed`,
      dimensions,
      topicArn,
    });
    alarms[`${id}TimedOutAlarm`] = metricAlarm(rules.stateMachineTimedOut, {
      name: `${id} executions timed out`,
      dimensions,
      topicArn,
    });
  }
  return alarms;
}

/** The stage name of each HTTP API, from its AWS::ApiGatewayV2::Stage. */
function stageOf(template, apiId) {
  const stage = resourcesOf(template, 'AWS::ApiGatewayV2::Stage').find(([, resource]) =>
    referencedLogicalIds(resource.Properties?.ApiId ?? null).has(apiId),
  );
  return stage?.[1].Properties.StageName ?? '$default';
}

/** The p99 threshold of a route: the rule's, or the first override whose prefix the path has. */
function latencyThreshold(path) {
  const rule = rules.routeLatencyP99;
  return (rule.overrides ?? []).find((override) => path.startsWith(override.routePrefix)) ?? rule;
}

function httpApiAlarms(template, topicArn) {
  const alarms = {};
  for (const [apiId, api] of resourcesOf(template, 'AWS::ApiGatewayV2::Api')) {
    if (api.Properties?.ProtocolType !== 'HTTP') continue;
    const stage = stageOf(template, apiId);
    const apiDimensions = [dimension('ApiId', { Ref: apiId }), dimension('Stage', stage)];
    const rule = rules.httpApi5xxRate;
    alarms[`${apiId}5xxRateAlarm`] = expressionAlarm(rule, {
      name: '5xx rate',
      expression: `IF(requests >= ${rule.minimumRequests}, 100 * errors / requests, 0)`,
      metrics: [
        { id: 'errors', namespace: rule.namespace, metric: '5xx', dimensions: apiDimensions },
        { id: 'requests', namespace: rule.namespace, metric: 'Count', dimensions: apiDimensions },
      ],
      topicArn,
    });
    for (const [routeId, route] of resourcesOf(template, 'AWS::ApiGatewayV2::Route')) {
      if (!referencedLogicalIds(route.Properties?.ApiId ?? null).has(apiId)) continue;
      const routeKey = String(route.Properties.RouteKey);
      const [method, path] = routeKey.split(' ');
      if (!path) continue; // $default and other special keys have no method/path metrics
      const { threshold, why } = latencyThreshold(path);
      alarms[`${routeId}LatencyAlarm`] = metricAlarm(rules.routeLatencyP99, {
        name: `${routeKey} p99 latency`,
        dimensions: [...apiDimensions, dimension('Method', method), dimension('Resource', path)],
        threshold,
        why,
        topicArn,
      });
    }
  }
  return alarms;
}

function tableAlarms(template, topicArn) {
  const alarms = {};
  const rule = rules.tableThrottles;
  for (const [id, table] of resourcesOf(template, 'AWS::DynamoDB::Table')) {
    const scopes = [
      [dimension('TableName', { Ref: id })],
      ...(table.Properties?.GlobalSecondaryIndexes ?? []).map((index) => [
        dimension('TableName', { Ref: id }),
        dimension('GlobalSecondaryIndexName', index.IndexName),
      ]),
    ];
    const metrics = scopes.flatMap((dimensions, i) =>
      ['ReadThrottleEvents', 'WriteThrottleEvents'].map((metric) => ({
        id: `${metric.startsWith('Read') ? 'read' : 'write'}${i}`,
        namespace: rule.namespace,
        metric,
        dimensions,
      })),
    );
    alarms[`${id}ThrottlesAlarm`] = expressionAlarm(rule, {
      name: `${id} throttled requests`,
      // FILL: an index that never throttled has no data points, which would blank the sum.
      expression: `SUM([${metrics.map((metric) => `FILL(${metric.id}, 0)`).join(', ')}])`,
      metrics,
      topicArn,
    });
  }
  return alarms;
}

function distributionAlarms(template, topicArn) {
  const alarms = {};
  for (const [id] of resourcesOf(template, 'AWS::CloudFront::Distribution')) {
    alarms[`${id}5xxRateAlarm`] = metricAlarm(rules.cloudFront5xxRate, {
      name: `${id} 5xx rate`,
      dimensions: [dimension('DistributionId', { Ref: id }), dimension('Region', 'Global')],
      topicArn,
    });
  }
  return alarms;
}

/**
 * Every alarm a template's resources call for, by logical id. Pure: unit-tested on templates
 * without osls.
 * @param {{ Resources: Record<string, { Type: string, Properties?: any }> }} template
 * @param {unknown} topicArn
 */
function deriveAlarms(template, topicArn) {
  return {
    ...functionAlarms(template, topicArn),
    ...queueAlarms(template, topicArn),
    ...streamAlarms(template, topicArn),
    ...stateMachineAlarms(template, topicArn),
    ...httpApiAlarms(template, topicArn),
    ...tableAlarms(template, topicArn),
    ...distributionAlarms(template, topicArn),
  };
}

class AlarmsPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // After every resource is compiled and `resources` merged in, before the template is saved.
      'before:aws:package:finalize:saveServiceState': () => this.addAlarms(),
    };
  }

  addAlarms() {
    const { service } = this.serverless;
    const topicArn = service.custom?.alarms?.topicArn;
    if (!topicArn) {
      throw new this.serverless.classes.Error('alarms: set custom.alarms.topicArn (the alerts topic).');
    }
    const template = service.provider.compiledCloudFormationTemplate;
    for (const [id, alarm] of Object.entries(deriveAlarms(template, topicArn))) {
      if (template.Resources[id]) {
        throw new this.serverless.classes.Error(`alarms: ${id} already exists in the template.`);
      }
      template.Resources[id] = alarm;
    }
  }
}

module.exports = AlarmsPlugin;
module.exports.deriveAlarms = deriveAlarms;
module.exports.failureQueues = failureQueues;
