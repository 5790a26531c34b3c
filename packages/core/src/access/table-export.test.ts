// DynamoDB Local has no export API, so the export request is checked as the SDK sends it: a local
// HTTP server stands where DynamoDB would and records the request.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildTableExport, startTableExport } from './table-export';

const TABLE_ARN = 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-prod';
const NOW = new Date('2026-12-03T04:45:07.000Z');

interface Received {
  headers: IncomingHttpHeaders;
  body: unknown;
}

let server: Server;
const received: Received[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(data) as unknown });
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Before the first request: the client singleton reads it when it is created.
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.AWS_ACCESS_KEY_ID ??= 'test';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('buildTableExport', () => {
  it("exports the table from point-in-time recovery to the day's prefix, encrypted, in this account's bucket", () => {
    expect(buildTableExport({ tableArn: TABLE_ARN, bucket: 'gallery-exports' }, NOW)).toEqual({
      TableArn: TABLE_ARN,
      S3Bucket: 'gallery-exports',
      S3BucketOwner: '123456789012',
      S3Prefix: 'exports/2026-12-03',
      S3SseAlgorithm: 'AES256',
      ExportFormat: 'DYNAMODB_JSON',
      ExportType: 'FULL_EXPORT',
      ClientToken: 'gallery-export-2026-12-03',
    });
  });

  it('uses one client token per day, so a retried start returns the same export', () => {
    const target = { tableArn: TABLE_ARN, bucket: 'b' };
    const later = new Date('2026-12-03T23:59:59.000Z');
    expect(buildTableExport(target, later).ClientToken).toBe(buildTableExport(target, NOW).ClientToken);
    expect(buildTableExport(target, new Date('2026-12-04T00:00:00.000Z')).ClientToken).toBe(
      'gallery-export-2026-12-04',
    );
  });

  it('refuses a table name where an ARN is needed, and a missing bucket', () => {
    expect(() => buildTableExport({ tableArn: 'gallery-prod', bucket: 'b' }, NOW)).toThrow(
      'not a DynamoDB table ARN',
    );
    expect(() => buildTableExport({ tableArn: TABLE_ARN, bucket: '' }, NOW)).toThrow('no exports bucket');
  });
});

describe('startTableExport', () => {
  it('sends exactly the built request as ExportTableToPointInTime and reports the export', async () => {
    answer = {
      status: 200,
      body: { ExportDescription: { ExportArn: `${TABLE_ARN}/export/0170-abc`, ExportStatus: 'IN_PROGRESS' } },
    };
    received.length = 0;
    const target = { tableArn: TABLE_ARN, bucket: 'gallery-exports' };

    await expect(startTableExport(target, NOW)).resolves.toEqual({
      exportArn: `${TABLE_ARN}/export/0170-abc`,
      status: 'IN_PROGRESS',
    });
    expect(received).toHaveLength(1);
    expect(received[0]?.headers['x-amz-target']).toBe('DynamoDB_20120810.ExportTableToPointInTime');
    expect(received[0]?.body).toEqual(buildTableExport(target, NOW));
  });

  it("surfaces DynamoDB's refusal (point-in-time recovery off) as the SDK's named error", async () => {
    answer = {
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#PointInTimeRecoveryUnavailableException',
        message: 'Point in time recovery is not enabled for table',
      },
    };
    await expect(startTableExport({ tableArn: TABLE_ARN, bucket: 'b' }, NOW)).rejects.toMatchObject({
      name: 'PointInTimeRecoveryUnavailableException',
    });
  });
});
