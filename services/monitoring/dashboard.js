'use strict';

// The body of the system's one CloudWatch dashboard. What has a name only another stack knows (the
// two HTTP APIs' ids, the table) comes in through compose params; everything that comes and goes
// with services (functions, failure queues, stream consumers, state machines, distributions, the
// business metrics in the Gallery namespace) is found by metric SEARCH, so a new service shows up
// without an edit here. Used from serverless.yml as ${file(./dashboard.js):body}; `dashboardBody`
// is pure and unit-tested.

const PERIOD = 300;

const search = (query, stat, label) => ({
  expression: `SEARCH('${query}', '${stat}', ${PERIOD})`,
  ...(label ? { label } : {}),
});

/** Expressions need an id unique in their widget. */
const withIds = (metrics) =>
  metrics.map((row, i) => (row.length === 1 && row[0].expression ? [{ ...row[0], id: `e${i + 1}` }] : row));

function widget(title, metrics, { region, x, y, width = 12, height = 6, stat = 'Sum', view = 'timeSeries' }) {
  return {
    type: 'metric',
    x,
    y,
    width,
    height,
    properties: { title, region, view, stat, period: PERIOD, metrics: withIds(metrics) },
  };
}

/**
 * @param {{ region: string, stage: string, apis: Record<string, string>, tableName: string }} input
 * @returns {string} the dashboard body (JSON)
 */
function dashboardBody({ region, stage, apis, tableName }) {
  const apiMetrics = (metric, stat) =>
    Object.entries(apis).map(([name, id]) => [
      'AWS/ApiGateway',
      metric,
      'ApiId',
      id,
      'Stage',
      '$default',
      { stat, label: `${name} ${metric}` },
    ]);
  const at = (x, y, extra = {}) => ({ region, x, y, ...extra });
  const widgets = [
    {
      type: 'text',
      x: 0,
      y: 0,
      width: 24,
      height: 2,
      properties: {
        markdown: `# Gallery (${stage})\nAlarms notify the gallery-alarms-${stage} topic; thresholds and reasons: README, Operating.`,
      },
    },
    widget('HTTP requests', [...apiMetrics('Count', 'Sum')], at(0, 2)),
    widget('HTTP errors', [...apiMetrics('5xx', 'Sum'), ...apiMetrics('4xx', 'Sum')], at(12, 2)),
    widget('HTTP latency p99 (ms)', apiMetrics('Latency', 'p99'), at(0, 8, { stat: 'p99' })),
    widget(
      'Slowest routes, p99 (ms)',
      Object.entries(apis).map(([name, id]) => [
        search(
          `{AWS/ApiGateway,ApiId,Method,Resource,Stage} MetricName="Latency" ApiId="${id}"`,
          'p99',
          name,
        ),
      ]),
      at(12, 8, { stat: 'p99' }),
    ),
    widget(
      'Function errors',
      [[search('{AWS/Lambda,FunctionName} MetricName="Errors"', 'Sum', '')]],
      at(0, 14),
    ),
    widget(
      'Function throttles',
      [[search('{AWS/Lambda,FunctionName} MetricName="Throttles"', 'Sum', '')]],
      at(12, 14),
    ),
    widget(
      'Function duration p99 (ms)',
      [[search('{AWS/Lambda,FunctionName} MetricName="Duration"', 'p99', '')]],
      at(0, 20, { stat: 'p99' }),
    ),
    widget(
      'Concurrency (account)',
      [
        ['AWS/Lambda', 'ConcurrentExecutions', { stat: 'Maximum' }],
        ['AWS/Lambda', 'UnreservedConcurrentExecutions', { stat: 'Maximum' }],
      ],
      at(12, 20, { stat: 'Maximum' }),
    ),
    widget(
      `Table ${tableName}: capacity used`,
      [
        ['AWS/DynamoDB', 'ConsumedReadCapacityUnits', 'TableName', tableName],
        ['AWS/DynamoDB', 'ConsumedWriteCapacityUnits', 'TableName', tableName],
      ],
      at(0, 26),
    ),
    widget(
      `Table ${tableName}: throttles`,
      [
        [
          search(
            `{AWS/DynamoDB,TableName} TableName="${tableName}" MetricName=("ReadThrottleEvents" OR "WriteThrottleEvents")`,
            'Sum',
            'table',
          ),
        ],
        [
          search(
            `{AWS/DynamoDB,GlobalSecondaryIndexName,TableName} TableName="${tableName}" MetricName=("ReadThrottleEvents" OR "WriteThrottleEvents")`,
            'Sum',
            'index',
          ),
        ],
      ],
      at(12, 26),
    ),
    widget(
      'Failure queues: messages waiting',
      [[search('{AWS/SQS,QueueName} MetricName="ApproximateNumberOfMessagesVisible"', 'Maximum', '')]],
      at(0, 32, { stat: 'Maximum' }),
    ),
    widget(
      'Stream consumers: iterator age (ms)',
      [[search('{AWS/Lambda,FunctionName} MetricName="IteratorAge"', 'Maximum', '')]],
      at(12, 32, { stat: 'Maximum' }),
    ),
    widget(
      'Workflows: executions failed or timed out',
      [
        [
          search(
            '{AWS/States,StateMachineArn} MetricName=("ExecutionsFailed" OR "ExecutionsTimedOut")',
            'Sum',
            '',
          ),
        ],
      ],
      at(0, 38),
    ),
    widget(
      'Media distribution: error rates (%)',
      [
        [
          search(
            '{AWS/CloudFront,DistributionId,Region} MetricName=("4xxErrorRate" OR "5xxErrorRate")',
            'Average',
            '',
          ),
        ],
      ],
      // CloudFront reports its metrics in us-east-1 only.
      { ...at(12, 38, { stat: 'Average' }), region: 'us-east-1' },
    ),
    widget(
      'Business metrics (namespace Gallery)',
      [[search('Namespace="Gallery"', 'Sum', '')]],
      at(0, 44, { width: 24 }),
    ),
  ];
  return JSON.stringify({ widgets });
}

/** osls variable source: `${file(./dashboard.js):body}`. */
async function body({ resolveVariable }) {
  const [region, stage, apiId, authApiId, tableName] = await Promise.all([
    resolveVariable('self:provider.region'),
    resolveVariable('sls:stage'),
    resolveVariable('self:custom.apiId'),
    resolveVariable('self:custom.authApiId'),
    resolveVariable('self:custom.tableName'),
  ]);
  return dashboardBody({ region, stage, apis: { api: apiId, auth: authApiId }, tableName });
}

module.exports = { body, dashboardBody };
