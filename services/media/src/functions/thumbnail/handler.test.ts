import type { Context, S3Event, S3EventRecord } from 'aws-lambda';
import { lambdaContext } from '@gallery/testing/lambda-events';
import { parseUploadKey, renditionKey } from '../../thumbnails/process-upload';
import { captureStdout, loadObserved } from '@gallery/lambda/testing/capture';
import { parseS3Event } from './handler';

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
        record('uploads/bad%E0%A4%A'),
      ],
    });

    expect(parsed.uploads.map((u) => u.key)).toEqual(['uploads/p3']);
    expect(parsed.ignored).toBe(3);
  });
});

describe('upload keys', () => {
  const photoId = '01J9Z3K6Q0R4T8V2X6Z0B4D8F2';

  it('reads the owner and photo ids from uploads/<ownerId>/<photoId>', () => {
    expect(parseUploadKey(`uploads/user-1/${photoId}`)).toEqual({ ownerId: 'user-1', photoId });
  });

  it.each([
    'uploads/a.jpg',
    `uploads/user-1/${photoId}/extra`,
    `uploads//${photoId}`,
    'uploads/user-1/not-a-ulid',
    `thumbnails/user-1/${photoId}`,
  ])('recognises no photo in %s', (key) => {
    expect(parseUploadKey(key)).toBeUndefined();
  });

  it('puts renditions under thumbnails/, never under uploads/', () => {
    expect(renditionKey('user-1', photoId, 'thumb')).toBe(`thumbnails/user-1/${photoId}/thumb.webp`);
  });
});

describe('thumbnail handler', () => {
  it('skips keys that name no photo, with one structured line per record, its key as correlation id', async () => {
    // Test runs log nothing (jest.config.ts): this test loads the function as Lambda would run it.
    const observed = await loadObserved(() => jest.requireActual<typeof import('./handler')>('./handler'), {
      LOG_LEVEL: 'INFO',
    });
    const output = captureStdout();
    const context: Context = lambdaContext({ awsRequestId: 'req-thumb' });
    try {
      const event: S3Event = { Records: [record('uploads/a.jpg'), record('thumbnails/a.webp')] };
      await expect(observed.handler(event, context)).resolves.toEqual({
        outcomes: [{ key: 'uploads/a.jpg', outcome: 'skipped', why: 'unrecognised_key' }],
        ignored: 1,
      });
    } finally {
      output.restore();
    }

    expect(output.logs()).toEqual([
      expect.objectContaining({
        level: 'WARN',
        function_request_id: 'req-thumb',
        correlation_id: 'uploads/a.jpg',
        message: 's3 records ignored',
        ignored: 1,
      }),
      expect.objectContaining({
        level: 'INFO',
        function_request_id: 'req-thumb',
        correlation_id: 'uploads/a.jpg',
        message: 'upload skipped',
        key: 'uploads/a.jpg',
        why: 'unrecognised_key',
      }),
    ]);
    expect(output.emf()).toContainEqual(
      expect.objectContaining({ operation: 'thumbnail', Latency: expect.any(Number) }),
    );
  });
});
