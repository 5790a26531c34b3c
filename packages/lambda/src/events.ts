// The chains of the functions that events trigger, each the observability chain (./observe.ts) with
// its kind's correlation id and metrics. HTTP functions have theirs in ./http.ts.
//
//   export const handler = s3Handler('thumbnail', thumbnail);
//
// | kind            | correlation id of the invocation                                      |
// | --------------- | ---------------------------------------------------------------------- |
// | S3 notification | the object key (decoded)                                               |
// | DynamoDB stream | the first record's origin (the API request id recorded on its item), else its sequence number |
// | schedule        | EventBridge's event id, when the event is EventBridge's own            |
// | Cognito trigger | the Lambda request id (the event carries the user's email: never logged) |
// | Lambda@Edge     | CloudFront's request id                                                 |
//
// A batch's records each have their own: `withCorrelation(recordCorrelationId(record), ...)`.
import type {
  CloudFrontRequestEvent,
  CloudFrontResponseEvent,
  Context,
  DynamoDBRecord,
  DynamoDBStreamEvent,
  S3Event,
} from 'aws-lambda';
import { MetricUnit, metrics } from './metrics';
import { observe, type LambdaFunction } from './observe';

/**
 * The attribute a stream record's item carries the id of the API request that wrote it in (see
 * @gallery/core's entities): the correlation id an operation keeps from the API to the stream.
 */
export const ORIGIN_ATTRIBUTE = 'requestId';

/** An S3 event key as a name (S3 URL-encodes keys, with `+` for spaces); as sent if malformed. */
export function s3KeyName(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/** An S3 notification's function: correlation id = the (first) object's key. */
export function s3Handler<R>(
  operation: string,
  handler: LambdaFunction<S3Event, R>,
): LambdaFunction<S3Event, R> {
  return observe(handler, {
    operation,
    correlationId: (event) => {
      const key = event.Records?.[0]?.s3?.object?.key;
      return key === undefined ? undefined : s3KeyName(key);
    },
  });
}

/** The id of the API request that wrote the record's item, if the item recorded one. */
export function recordOrigin(record: DynamoDBRecord): string | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  const origin = image?.[ORIGIN_ATTRIBUTE]?.S;
  return origin && origin.length > 0 ? origin : undefined;
}

/** A stream record's correlation id: its origin, else its sequence number. */
export function recordCorrelationId(record: DynamoDBRecord): string | undefined {
  return recordOrigin(record) ?? record.dynamodb?.SequenceNumber;
}

/** The distinct correlation ids of a batch's records, in order: what a batch-wide line names. */
export function recordCorrelationIds(records: readonly DynamoDBRecord[]): string[] {
  return [...new Set(records.map(recordCorrelationId).filter((id): id is string => id !== undefined))];
}

/**
 * Milliseconds between each record's write (ApproximateCreationDateTime, whole seconds on AWS, whole
 * minutes on DynamoDB Local) and `now`: how far the consumer runs behind the table.
 */
export function streamLagsMs(records: readonly DynamoDBRecord[], now = Date.now()): number[] {
  const lags: number[] = [];
  for (const record of records) {
    const created = record.dynamodb?.ApproximateCreationDateTime;
    if (typeof created === 'number') lags.push(Math.max(0, now - created * 1000));
  }
  return lags;
}

/**
 * A DynamoDB stream consumer: correlation id = the first record's (recordCorrelationId), and the
 * metrics StreamRecords (count) and StreamLag (ms, one value per record) of every batch.
 */
export function streamHandler<R>(
  operation: string,
  handler: LambdaFunction<DynamoDBStreamEvent, R>,
): LambdaFunction<DynamoDBStreamEvent, R> {
  return observe(
    handler,
    {
      operation,
      correlationId: (event) => {
        const first = event.Records?.[0];
        return first ? recordCorrelationId(first) : undefined;
      },
    },
    {
      name: 'streamLag',
      before: (request) => {
        const records = request.event.Records ?? [];
        metrics.addMetric('StreamRecords', MetricUnit.Count, records.length);
        for (const lag of streamLagsMs(records)) metrics.addMetric('StreamLag', MetricUnit.Milliseconds, lag);
      },
    },
  );
}

/** An EventBridge schedule's function: correlation id = the event's id when EventBridge sent its own. */
export function scheduleHandler<E, R>(
  operation: string,
  handler: LambdaFunction<E, R>,
): LambdaFunction<E, R> {
  return observe(handler, {
    operation,
    correlationId: (event) => {
      const candidate = event as { source?: unknown; id?: unknown } | null;
      return candidate?.source === 'aws.events' && typeof candidate.id === 'string'
        ? candidate.id
        : undefined;
    },
  });
}

/** A Cognito trigger: the Lambda request id is the correlation id; the event is never logged. */
export function cognitoTriggerHandler<E extends { triggerSource: string }>(
  operation: string,
  handler: (event: E, context: Context) => Promise<E>,
): LambdaFunction<E, E> {
  return observe(handler, { operation });
}

/**
 * A Lambda@Edge function: correlation id = CloudFront's request id (in its access logs too). It has no
 * environment: its build defines the settings the chain reads (services/edge/serverless.yml).
 */
export function cloudFrontHandler<E extends CloudFrontRequestEvent | CloudFrontResponseEvent, R>(
  operation: string,
  handler: LambdaFunction<E, R>,
): LambdaFunction<E, R> {
  return observe(handler, {
    operation,
    correlationId: (event) => event.Records?.[0]?.cf?.config?.requestId,
  });
}
