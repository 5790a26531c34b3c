import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { lambdaContext } from '@gallery/lambda/testing';
import { parseS3Event, thumbnail } from './handler';

function record(key: string, eventName = 'ObjectCreated:Put'): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2025-01-01T00:00:00.000Z',
    eventName,
    userIdentity: { principalId: 'AWS:EXAMPLE' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': 'req', 'x-amz-id-2': 'id2' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'uploads',
      bucket: {
        name: 'gallery-media-test',
        ownerIdentity: { principalId: 'owner' },
        arn: 'arn:aws:s3:::gallery-media-test',
      },
      object: { key, size: 1234, eTag: 'etag', sequencer: '00' },
    },
  };
}

describe('parseS3Event', () => {
  it('returns uploads with decoded keys', () => {
    const parsed = parseS3Event({ Records: [record('uploads/user%2B1/my+photo%C3%A9.jpg')] });

    expect(parsed).toEqual({
      uploads: [
        {
          bucket: 'gallery-media-test',
          key: 'uploads/user+1/my photoé.jpg',
          size: 1234,
          eTag: 'etag',
          eventName: 'ObjectCreated:Put',
          eventTime: '2025-01-01T00:00:00.000Z',
        },
      ],
      ignored: 0,
    });
  });

  it('never picks up its own thumbnails or non-create events', () => {
    const parsed = parseS3Event({
      Records: [
        record('thumbnails/p1/small.webp'),
        record('uploads/p2', 'ObjectRemoved:Delete'),
        record('uploads/p3'),
      ],
    });

    expect(parsed.uploads.map((u) => u.key)).toEqual(['uploads/p3']);
    expect(parsed.ignored).toBe(2);
  });
});

describe('thumbnail handler', () => {
  it('logs one structured line with the request id and what it received', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const context: Context = lambdaContext({ awsRequestId: 'req-thumb' });
    try {
      const event: S3Event = { Records: [record('uploads/a.jpg'), record('thumbnails/a.webp')] };
      await expect(thumbnail(event, context)).resolves.toEqual({ received: 1, ignored: 1 });
    } finally {
      write.mockRestore();
    }

    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '');
    expect(entry).toMatchObject({
      level: 'info',
      requestId: 'req-thumb',
      msg: 's3 event received',
      ignored: 1,
    });
    expect(entry.uploads).toHaveLength(1);
  });
});
