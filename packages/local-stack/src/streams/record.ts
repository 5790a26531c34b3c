// A DynamoDB Streams record (as GetRecords returns it through the SDK) turned into the record Lambda
// puts in a function's event: the same fields, `eventSourceARN` added, the creation time as epoch
// seconds, binary values base64-encoded (Lambda's event is JSON).
import type {
  AttributeValue as StreamAttributeValue,
  _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';

/** A record as a function receives it, with the fields Lambda always sets made non-optional. */
export type LambdaStreamRecord = DynamoDBRecord & {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventSourceARN: string;
  dynamodb: NonNullable<DynamoDBRecord['dynamodb']> & { SequenceNumber: string };
};

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function toJsonValue(value: StreamAttributeValue): AttributeValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: value.NULL };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.L !== undefined) return { L: value.L.map(toJsonValue) };
  if (value.M !== undefined) return { M: toJsonImage(value.M) };
  // DynamoDB Local 3.3.0 writes an empty map to its stream as `{}` instead of `{"M":{}}` (the table
  // itself stores the map): restore what DynamoDB Streams sends.
  if (Object.keys(value).length === 0) return { M: {} };
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(',')}`);
}

function toJsonImage(image: Record<string, StreamAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, toJsonValue(value)]));
}

export function toLambdaRecord(record: StreamRecord, streamArn: string): LambdaStreamRecord {
  const stream = record.dynamodb;
  if (!record.eventID || !record.eventName || !stream?.SequenceNumber) {
    throw new Error(`stream record without id, name or sequence number: ${JSON.stringify(record)}`);
  }
  const created = stream.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
      ...(stream.Keys ? { Keys: toJsonImage(stream.Keys) } : {}),
      ...(stream.NewImage ? { NewImage: toJsonImage(stream.NewImage) } : {}),
      ...(stream.OldImage ? { OldImage: toJsonImage(stream.OldImage) } : {}),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}
