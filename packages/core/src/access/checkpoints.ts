// Job checkpoints: where a paged job (the orphan sweep) resumes.
// The queue and checkpoint items of the maintenance jobs are plain items (not ElectroDB entities) in
// partitions of their own, `$maintenance#...`, which no entity key can produce (entity keys start
// with `$gallery#`). Each function sends one request (a paged walk is one request per call, the
// caller loops); `build*` returns the request so its shape is testable without a network.
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';

import { docClient } from '../client';
import { keys, tableName } from '../table/definition';
import { guarded } from '../transactions';

type Key = Record<string, unknown>;

const CHECKPOINT_PARTITION = '$maintenance#checkpoint';

function checkpointKey(job: string, scope: string): Key {
  return { [keys.table.pk]: CHECKPOINT_PARTITION, [keys.table.sk]: `${job}#${scope}` };
}

export interface Checkpoint {
  /** Where the job resumes (opaque to this layer: an S3 key, a LastEvaluatedKey as JSON...). */
  position: string;
  savedAt: string;
}

/** a job's checkpoint: GetItem (strongly consistent). */
export async function getCheckpoint(job: string, scope: string): Promise<Checkpoint | null> {
  const output = await guarded(() =>
    docClient().send(
      new GetCommand({ TableName: tableName(), Key: checkpointKey(job, scope), ConsistentRead: true }),
    ),
  );
  if (!output.Item) return null;
  return { position: String(output.Item.position), savedAt: String(output.Item.savedAt) };
}

/** save a job's checkpoint: PutItem. */
export async function saveCheckpoint(
  job: string,
  scope: string,
  position: string,
  at = new Date(),
): Promise<void> {
  await guarded(() =>
    docClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...checkpointKey(job, scope), position, savedAt: at.toISOString() },
      }),
    ),
  );
}

/** forget a job's checkpoint (a pass finished; the next starts from the beginning): DeleteItem. */
export async function clearCheckpoint(job: string, scope: string): Promise<void> {
  await guarded(() =>
    docClient().send(new DeleteCommand({ TableName: tableName(), Key: checkpointKey(job, scope) })),
  );
}
