// Access pattern: export the whole table to S3 from point-in-time recovery (analytics). One
// ExportTableToPointInTime request; it reads no capacity and does not touch traffic, and DynamoDB
// writes the files under <prefix>/AWSDynamoDB/<export id>/ within minutes to hours.
// Idempotent per day: the client token is the day, so a retried start within DynamoDB's 8-hour
// token window returns the export already started instead of a second one.
// DynamoDB Local has no export API: the request is tested as sent on the wire (table-export.test.ts).
import {
  ExportTableToPointInTimeCommand,
  type ExportTableToPointInTimeCommandInput,
} from '@aws-sdk/client-dynamodb';
import { dynamoDbClient } from '../client';

/** Exports live under this prefix of the exports bucket (the exporting role may write nowhere else). */
export const EXPORT_PREFIX = 'exports/';

export interface TableExportTarget {
  /** The table's ARN (the export API takes no name); its account is the bucket's expected owner. */
  tableArn: string;
  bucket: string;
}

export interface StartedExport {
  exportArn: string | undefined;
  status: string | undefined;
}

/** The export request for the day of `now`. Pure. */
export function buildTableExport(target: TableExportTarget, now: Date): ExportTableToPointInTimeCommandInput {
  const account = /^arn:[^:]+:dynamodb:[^:]+:(\d{12}):table\/[^/]+$/.exec(target.tableArn)?.[1];
  if (!account) throw new RangeError(`not a DynamoDB table ARN: ${target.tableArn}`);
  if (!target.bucket) throw new RangeError('no exports bucket');
  const day = now.toISOString().slice(0, 10);
  return {
    TableArn: target.tableArn,
    S3Bucket: target.bucket,
    // DynamoDB refuses to write to a bucket of another account (a deleted and re-registered name).
    S3BucketOwner: account,
    S3Prefix: `${EXPORT_PREFIX}${day}`,
    S3SseAlgorithm: 'AES256',
    ExportFormat: 'DYNAMODB_JSON',
    ExportType: 'FULL_EXPORT',
    ClientToken: `gallery-export-${day}`,
  };
}

/** Starts the export of the day of `now`; returns its ARN and status as DynamoDB reports them. */
export async function startTableExport(target: TableExportTarget, now: Date): Promise<StartedExport> {
  const { ExportDescription } = await dynamoDbClient().send(
    new ExportTableToPointInTimeCommand(buildTableExport(target, now)),
  );
  return { exportArn: ExportDescription?.ExportArn, status: ExportDescription?.ExportStatus };
}
