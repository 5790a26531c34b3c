import { exportTargetFromEnv } from './export-table';

describe('exportTargetFromEnv', () => {
  it("reads the table's ARN and the exports bucket the function's config sets", () => {
    expect(
      exportTargetFromEnv({ TABLE_ARN: 'arn:aws:dynamodb:us-east-1:1:table/t', EXPORTS_BUCKET_NAME: 'b' }),
    ).toEqual({ tableArn: 'arn:aws:dynamodb:us-east-1:1:table/t', bucket: 'b' });
  });
});
