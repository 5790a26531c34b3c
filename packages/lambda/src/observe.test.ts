import './testing/verbose';
import type { DynamoDBRecord, DynamoDBStreamEvent, PreSignUpTriggerEvent, S3Event } from 'aws-lambda';
import { NotFoundError } from '@gallery/core/errors';
import { httpEvent, lambdaContext } from '@gallery/testing/lambda-events';
import { cognitoTriggerHandler, s3Handler, scheduleHandler, streamHandler, streamLagsMs } from './events';
import { httpHandler, statusClassMetrics } from './http';
import { logger } from './logger';
import { BusinessMetric, countEvent } from './metrics';
import { withCorrelation } from './observe';
import type { RouteContract } from './route';
import { captureStdout, loadObserved, type Captured, type EmfLine } from './testing/capture';

let output: Captured;
beforeEach(() => {
  output = captureStdout();
});
afterEach(() => output.restore());

const route = {
  operationId: 'getThing',
  method: 'GET',
  path: '/v1/things/{id}',
  summary: 'A thing',
  tags: [],
  auth: 'none',
  responses: { 200: { description: 'ok' } },
  errors: [404],
} satisfies RouteContract;

/** The EMF line that carries `metric`. */
function emfWith(lines: EmfLine[], metric: string): EmfLine | undefined {
  return lines.find((line) => line._aws.CloudWatchMetrics[0]?.Metrics.some((m) => m.Name === metric));
}

function definitions(line: EmfLine | undefined) {
  const [definition] = line?._aws.CloudWatchMetrics ?? [];
  return {
    namespace: definition?.Namespace,
    dimensions: definition?.Dimensions,
    metrics: Object.fromEntries((definition?.Metrics ?? []).map((m) => [m.Name, m.Unit])),
  };
}

const LAMBDA_KEYS = ['function_name', 'function_request_id', 'function_arn', 'cold_start', 'correlation_id'];

describe('every kind of function writes Lambda-context JSON logs and EMF metrics', () => {
  it('HTTP: the API request id is the correlation id; Latency and status class per route', async () => {
    const ok = httpHandler(route, async () => {
      countEvent(BusinessMetric.SharesOpened);
      logger.info('found it');
      return { statusCode: 200 };
    });
    const missing = httpHandler(route, async () => {
      throw new NotFoundError('Thing');
    });
    const event = httpEvent({ path: '/v1/things/t1', pathParameters: { id: 't1' } });
    await ok(event, lambdaContext({ functionName: 'gallery-api-dev-getThing', awsRequestId: 'lambda-1' }));
    await missing(event, lambdaContext({ awsRequestId: 'lambda-2' }));

    const line = output.logs().find((entry) => entry.message === 'found it');
    for (const key of LAMBDA_KEYS) expect(line).toHaveProperty(key);
    expect(line).toMatchObject({
      level: 'INFO',
      service: 'gallery-test',
      function_name: 'gallery-api-dev-getThing',
      function_request_id: 'lambda-1',
      correlation_id: 'api-request-id',
    });
    expect(output.logs()).toContainEqual(
      expect.objectContaining({ message: 'request rejected', status: 404, function_request_id: 'lambda-2' }),
    );

    const emf = output.emf().filter((l) => l.Latency !== undefined);
    expect(emf).toHaveLength(2);
    const [first, second] = emf as [EmfLine, EmfLine];
    expect(definitions(first)).toEqual({
      namespace: 'GalleryTest',
      dimensions: [['service', 'operation']],
      metrics: {
        Latency: 'Milliseconds',
        Status2xx: 'Count',
        Status4xx: 'Count',
        Status5xx: 'Count',
        SharesOpened: 'Count',
      },
    });
    expect(first).toMatchObject({
      service: 'gallery-test',
      operation: 'getThing',
      Status2xx: 1,
      Status4xx: 0,
    });
    expect(first.Latency).toEqual(expect.any(Number));
    expect(second).toMatchObject({ operation: 'getThing', Status2xx: 0, Status4xx: 1, Status5xx: 0 });
    expect(second).not.toHaveProperty('SharesOpened');
  });

  it('S3: the object key is the correlation id, and a record can take its own', async () => {
    const handler = s3Handler('thumbnail', async (event: S3Event) => {
      logger.info('start');
      await withCorrelation('api-req-7', async () => logger.info('photo read'));
      logger.info('end');
      return event.Records.length;
    });
    const event = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'b' }, object: { key: 'uploads/u+1/p%3A1' } },
        },
      ],
    } as unknown as S3Event;
    await handler(event, lambdaContext());

    const ids = output.logs().map((entry) => [entry.message, entry.correlation_id]);
    expect(ids).toEqual([
      ['start', 'uploads/u 1/p:1'],
      ['photo read', 'api-req-7'],
      ['end', 'uploads/u 1/p:1'],
    ]);
    expect(emfWith(output.emf(), 'Latency')).toMatchObject({ operation: 'thumbnail' });
  });

  it('stream: the record origin (else its sequence number) is the correlation id; StreamLag per record', async () => {
    const now = Math.floor(Date.now() / 1000);
    const record = (sequence: string, requestId?: string): DynamoDBRecord => ({
      eventName: 'INSERT',
      dynamodb: {
        SequenceNumber: sequence,
        ApproximateCreationDateTime: now - 30,
        NewImage: requestId ? { requestId: { S: requestId } } : { pk: { S: 'x' } },
      },
    });
    const handler = streamHandler('applyReactions', async (event: DynamoDBStreamEvent) => {
      logger.info('batch');
      return { batchItemFailures: [], size: event.Records.length };
    });
    await handler({ Records: [record('100', 'api-req-1'), record('200')] }, lambdaContext());
    await handler({ Records: [record('300')] }, lambdaContext());

    expect(
      output
        .logs()
        .filter((e) => e.message === 'batch')
        .map((e) => e.correlation_id),
    ).toEqual(['api-req-1', '300']);
    const batch = emfWith(output.emf(), 'StreamLag');
    expect(definitions(batch).metrics).toMatchObject({ StreamLag: 'Milliseconds', StreamRecords: 'Count' });
    expect(batch).toMatchObject({ operation: 'applyReactions', StreamRecords: 2 });
    const lags = batch?.StreamLag as number[];
    expect(lags).toHaveLength(2);
    for (const lag of lags) expect(lag).toBeGreaterThanOrEqual(29_000);
  });

  it("schedule: EventBridge's event id is the correlation id", async () => {
    const handler = scheduleHandler('reapPendingUploads', async () => {
      logger.info('job finished');
      return 'done';
    });
    await handler(
      { source: 'aws.events', id: 'eb-event-1', 'detail-type': 'Scheduled Event' },
      lambdaContext(),
    );
    await handler({ maxDurationSeconds: 60 }, lambdaContext({ awsRequestId: 'by-hand' }));
    expect(output.logs().map((e) => e.correlation_id)).toEqual(['eb-event-1', 'by-hand']);
  });

  it('Cognito trigger: the Lambda request id is the correlation id', async () => {
    const handler = cognitoTriggerHandler('preSignUp', async (event: PreSignUpTriggerEvent) => {
      logger.info('vetted');
      return event;
    });
    const event = {
      triggerSource: 'PreSignUp_SignUp',
      request: { userAttributes: {} },
    } as PreSignUpTriggerEvent;
    await handler(event, lambdaContext({ awsRequestId: 'cognito-1' }));
    expect(output.logs()[0]).toMatchObject({ correlation_id: 'cognito-1', function_request_id: 'cognito-1' });
    expect(emfWith(output.emf(), 'Latency')).toMatchObject({ operation: 'preSignUp' });
  });
});

/** A fresh process, as far as the observability singletons go: its chain and its logger. */
function freshProcess(env: Record<string, string> = {}) {
  return loadObserved(
    () => ({
      ...jest.requireActual<typeof import('./events')>('./events'),
      ...jest.requireActual<typeof import('./logger')>('./logger'),
    }),
    env,
  );
}

describe('cold start', () => {
  it('is flagged on the first invocation of a process only, in the logs and as a ColdStart metric', async () => {
    // Lambda tells a cold start from a provisioned one by this variable (Powertools reads it).
    const fresh = await freshProcess({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
    expect(fresh.logger).not.toBe(logger);
    const handler = fresh.scheduleHandler('job', async () => {
      fresh.logger.info('in handler');
      return 'ok';
    });
    const context = { functionName: 'gallery-scheduler-dev-job' };
    await handler({}, lambdaContext(context));
    await handler({}, lambdaContext(context));

    const lines = output.logs().filter((entry) => entry.message === 'in handler');
    expect(lines.map((entry) => entry.cold_start)).toEqual([true, false]);
    const coldStarts = output.emf().filter((line) => line.ColdStart !== undefined);
    expect(coldStarts).toEqual([
      expect.objectContaining({
        ColdStart: 1,
        function_name: 'gallery-scheduler-dev-job',
        service: 'gallery-test',
      }),
    ]);
    expect(definitions(coldStarts[0]).dimensions).toEqual([['service', 'function_name']]);
  });
});

describe('debug sampling (POWERTOOLS_LOGGER_SAMPLE_RATE)', () => {
  async function debugLinesAt(rate: string): Promise<number> {
    const fresh = await freshProcess({ LOG_LEVEL: 'INFO', POWERTOOLS_LOGGER_SAMPLE_RATE: rate });
    const handler = fresh.scheduleHandler('job', async () => {
      fresh.logger.debug('detail');
      return 'ok';
    });
    for (let i = 0; i < 3; i += 1) await handler({}, lambdaContext());
    const lines = output.logs().filter((entry) => entry.message === 'detail');
    expect(lines.every((entry) => entry.sampling_rate === Number(rate))).toBe(true);
    return lines.length;
  }

  it('at 1, every invocation logs at DEBUG although the level is INFO', async () => {
    expect(await debugLinesAt('1')).toBe(3);
  });

  it('at 0, no invocation does', async () => {
    expect(await debugLinesAt('0')).toBe(0);
  });
});

describe('a failed invocation', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1LTEiLCJlbWFpbCI6ImFkYUBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJl';
  const leaky = () => {
    throw new Error(`could not handle ada@example.com with ${jwt}`);
  };
  const kinds: [string, (context: ReturnType<typeof lambdaContext>) => Promise<unknown>][] = [
    ['S3', (c) => s3Handler('thumbnail', async () => leaky())({ Records: [] } as unknown as S3Event, c)],
    [
      'stream',
      (c) =>
        streamHandler('applyReactions', async () => leaky())(
          { Records: [{ dynamodb: { NewImage: { email: { S: 'ada@example.com' } } } }] },
          c,
        ),
    ],
    ['schedule', (c) => scheduleHandler('job', async () => leaky())({ email: 'ada@example.com' }, c)],
    [
      'Cognito trigger',
      (c) =>
        cognitoTriggerHandler('postConfirmation', async (_event: PreSignUpTriggerEvent) => leaky())(
          {
            triggerSource: 'PostConfirmation_ConfirmSignUp',
            request: { userAttributes: { email: 'ada@example.com' } },
          } as unknown as PreSignUpTriggerEvent,
          c,
        ),
    ],
  ];

  it.each(kinds)(
    '%s: is logged once, as JSON, correlated, and without the email or token',
    async (_, invoke) => {
      await expect(invoke(lambdaContext({ awsRequestId: 'failing' }))).rejects.toThrow('could not handle');
      const written = output.lines().join('\n');
      expect(written).not.toContain('ada@example.com');
      expect(written).not.toContain(jwt);
      const failed = output.logs().filter((entry) => entry.message === 'invocation failed');
      expect(failed).toEqual([
        expect.objectContaining({
          level: 'ERROR',
          function_request_id: 'failing',
          correlation_id: expect.any(String),
          error: expect.objectContaining({
            name: 'Error',
            message: expect.stringContaining('[redacted email]'),
          }),
        }),
      ]);
    },
  );
});

describe('pure helpers', () => {
  it('statusClassMetrics sets its own class to 1 and the others to 0', () => {
    expect(statusClassMetrics(201)).toEqual({ Status2xx: 1, Status4xx: 0, Status5xx: 0 });
    expect(statusClassMetrics(503)).toEqual({ Status2xx: 0, Status4xx: 0, Status5xx: 1 });
  });

  it('streamLagsMs measures from each record write, ignoring records without a time', () => {
    const records = [
      { dynamodb: { ApproximateCreationDateTime: 1_000 } },
      { dynamodb: {} },
      { dynamodb: { ApproximateCreationDateTime: 1_010 } },
    ] as DynamoDBRecord[];
    expect(streamLagsMs(records, 1_020_000)).toEqual([20_000, 10_000]);
  });
});
