import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { toLambdaRecord } from './record';

const ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-12-03T00:00:00.000';

describe('toLambdaRecord', () => {
  it("turns a GetRecords record into Lambda's: epoch seconds, base64 binaries, the stream ARN", () => {
    const record: StreamRecord = {
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-12-03T10:29:00.000Z'),
        Keys: { pk: { S: 'a' }, sk: { S: 'b' } },
        NewImage: {
          pk: { S: 'a' },
          blob: { B: new Uint8Array([1, 2, 255]) },
          list: { L: [{ N: '1' }, { M: { x: { BOOL: true } } }] },
          set: { BS: [new Uint8Array([0])] },
          // DynamoDB Local's stream writes an empty map as {}: restored to what Streams sends.
          empty: {} as never,
        },
        OldImage: { pk: { S: 'a' }, nothing: { NULL: true }, tags: { SS: ['x'] }, nums: { NS: ['1'] } },
        SequenceNumber: '000000000000000000007',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    };
    expect(toLambdaRecord(record, ARN)).toEqual({
      eventID: 'e1',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'ddblocal',
      eventSourceARN: ARN,
      dynamodb: {
        ApproximateCreationDateTime: 1796293740,
        Keys: { pk: { S: 'a' }, sk: { S: 'b' } },
        NewImage: {
          pk: { S: 'a' },
          blob: { B: 'AQL/' },
          list: { L: [{ N: '1' }, { M: { x: { BOOL: true } } }] },
          set: { BS: ['AA=='] },
          empty: { M: {} },
        },
        OldImage: { pk: { S: 'a' }, nothing: { NULL: true }, tags: { SS: ['x'] }, nums: { NS: ['1'] } },
        SequenceNumber: '000000000000000000007',
        SizeBytes: 42,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
  });

  it('refuses a record without id, name or sequence number', () => {
    expect(() => toLambdaRecord({ eventName: 'INSERT', dynamodb: {} }, ARN)).toThrow(/without id/);
  });
});
