// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dashboardBody } = require('./dashboard.js') as {
  dashboardBody: (input: {
    region: string;
    stage: string;
    apis: Record<string, string>;
    tableName: string;
  }) => string;
};

interface Widget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title?: string; region?: string; metrics?: unknown[][] };
}

const { widgets } = JSON.parse(
  dashboardBody({
    region: 'eu-west-1',
    stage: 'prod',
    apis: { api: 'a1b2c3', auth: 'd4e5f6' },
    tableName: 'gallery-prod',
  }),
) as { widgets: Widget[] };
const metricWidgets = widgets.filter((w) => w.type === 'metric');
const text = (w: Widget) => JSON.stringify(w.properties.metrics);

describe('dashboardBody', () => {
  it("shows both HTTP APIs by the ids compose passes, on their stage's metrics", () => {
    const requests = metricWidgets.find((w) => w.properties.title === 'HTTP requests');
    expect(requests?.properties.metrics).toEqual([
      [
        'AWS/ApiGateway',
        'Count',
        'ApiId',
        'a1b2c3',
        'Stage',
        '$default',
        { stat: 'Sum', label: 'api Count' },
      ],
      [
        'AWS/ApiGateway',
        'Count',
        'ApiId',
        'd4e5f6',
        'Stage',
        '$default',
        { stat: 'Sum', label: 'auth Count' },
      ],
    ]);
  });

  it('finds what comes and goes with services by search, each expression with an id', () => {
    const all = metricWidgets.map(text).join('\n');
    for (const metric of ['Errors', 'Throttles', 'IteratorAge', 'ApproximateNumberOfMessagesVisible'])
      expect(all).toContain(`MetricName=\\"${metric}\\"`);
    expect(all).toContain('MetricName=(\\"ExecutionsFailed\\" OR \\"ExecutionsTimedOut\\")');
    for (const widget of metricWidgets) {
      const ids = (widget.properties.metrics ?? [])
        .map((row) => (row[0] as { id?: string }).id)
        .filter((id) => id !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
      for (const row of widget.properties.metrics ?? []) {
        if ((row[0] as { expression?: string }).expression)
          expect((row[0] as { id?: string }).id).toMatch(/^e\d+$/);
      }
    }
  });

  it("watches the table by the name compose passes, its indexes' throttles included", () => {
    expect(metricWidgets.map(text).join('\n')).toContain(
      'GlobalSecondaryIndexName,TableName} TableName=\\"gallery-prod\\"',
    );
  });

  it("puts every metric widget in the stack's region except CloudFront's, which only us-east-1 has", () => {
    for (const widget of metricWidgets) {
      expect(widget.properties.region).toBe(
        widget.properties.title?.startsWith('Media distribution') ? 'us-east-1' : 'eu-west-1',
      );
    }
  });

  it('lays widgets on the 24-column grid without overlap', () => {
    const cells = new Set<string>();
    for (const widget of widgets) {
      expect(widget.x + widget.width).toBeLessThanOrEqual(24);
      for (let x = widget.x; x < widget.x + widget.width; x++)
        for (let y = widget.y; y < widget.y + widget.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });
});
