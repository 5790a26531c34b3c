// The export workflow's own failure path: an export that cannot be written (here, the account has
// no profile to export) fails visibly, its record says failed and why, and nothing is left under
// the user's export prefix. The success path, through the api, is services/api/tests/export.int.test.ts.
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { createExport, getExport, newExportId } from '@gallery/core/access/exports';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { startLocalWorkflows, type LocalWorkflows } from '@gallery/testing/local-workflows';

let workflows: LocalWorkflows;

beforeAll(async () => {
  workflows = await startLocalWorkflows({ serviceDir: path.resolve(__dirname, '..') });
}, 120_000);

afterAll(async () => {
  await workflows?.close();
});

describe('export workflow', () => {
  it('records why an export failed and leaves no archive behind', async () => {
    const userId = `nobody-${newExportId().toLowerCase()}`;
    const exportId = newExportId();
    await createExport(userId, exportId);
    const started = workflows.sfn.startExecution({
      stateMachineArn: workflows.arn('export'),
      name: `export-${exportId}`,
      input: JSON.stringify({ exportId, userId }),
    });

    const execution = await workflows.waitFor(started.executionArn);

    expect(execution.status).toBe('FAILED');
    expect(execution.error).toBe('NotFoundError');
    expect(execution.events).toContain('StateCaught BuildArchive → RecordFailure');
    expect(await getExport(userId, exportId)).toMatchObject({
      status: 'failed',
      failure: { error: 'NotFoundError' },
    });
    const left = await s3Client().send(
      new ListObjectsV2Command({ Bucket: bucketName(), Prefix: `exports/${userId}/` }),
    );
    expect(left.Contents ?? []).toEqual([]);
  });
});
