// Erasure benchmark: the cost of erasing an account must follow what the account holds, item for
// item, in batches, and never scan the table. For users with 100, 1 000 and 10 000 photos (each
// photo with its original in S3, a like and a comment from another user; the user's own likes and
// comments on another user's photos; share links), runs the real erasure state machine locally
// (its definition from `serverless print`, every Task in this process) and counts every DynamoDB
// request it sends and the capacity DynamoDB reports. Prints the table and writes it to
// docs/performance.md (between the erasure-bench markers).
//
//   pnpm bench:erasure          (BENCH_SIZES=100,1000,10000)
import os from 'node:os';
import { writeSection } from '@gallery/testing/bench';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { getErasure, newErasureId, requestErasure } from '@gallery/core/access/erasures';
import { addComment } from '@gallery/core/access/comments';
import { likePhoto } from '@gallery/core/access/likes';
import { listAuthoredComments, listGivenLikes } from '@gallery/core/access/user-data';
import { registerUser } from '@gallery/core/access/users';
import { onRequest, type RequestRecord } from '@gallery/core/client';
import { entities } from '@gallery/core/entities/service';
import { bucketName, s3Client } from '@gallery/lambda/s3';
import { startLocalStack } from '@gallery/local-stack/stack';
import { closeAccountClients, createSignedInAccount } from '@gallery/local-stack/users';
import { startLocalWorkflows } from '@gallery/testing/local-workflows';
import { ulid } from 'ulid';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const PHOTOS_PER_ALBUM = 500;
/** The user's own likes and comments on others' photos: one of each per 10 photos. */
const GIVEN_PER_PHOTOS = 10;
const IN_FLIGHT = 8;
const WRITE_COMMANDS = new Set([
  'BatchWriteItemCommand',
  'TransactWriteItemsCommand',
  'UpdateItemCommand',
  'PutItemCommand',
  'DeleteItemCommand',
]);

interface Result {
  photos: number;
  itemsDeleted: number;
  objectsDeleted: number;
  seconds: number;
  requests: number;
  byCommand: Record<string, number>;
  writeUnits: number;
  readUnits: number;
  scans: number;
  /** The history events AWS would record for the execution (estimated from its transitions). */
  historyEvents: number;
}

/**
 * Step Functions history events of an execution, from the local interpreter's transitions: a Task
 * state records 5 (entered, scheduled, started, succeeded, exited), any other state 2 (entered,
 * exited; a Map also started and succeeded), each Map iteration 2 more, the execution 2.
 */
export function historyEvents(transitions: Array<{ type: string; stateType?: string }>): number {
  let events = 2;
  for (const t of transitions) {
    if (t.type === 'StateEntered') events += t.stateType === 'Task' ? 5 : t.stateType === 'Map' ? 4 : 2;
    if (t.type === 'MapIterationStarted') events += 2;
    if (t.type === 'StateRetried') events += 3;
  }
  return events;
}

function progress(text: string): void {
  process.stdout.write(`\r\x1b[K${text}`);
}

async function inBatches<T>(
  items: T[],
  label: string,
  write: (chunk: T[]) => Promise<void>,
  size = 250,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await write(items.slice(i, i + size));
    progress(`  ${label}: ${Math.min(i + size, items.length)}/${items.length}`);
  }
  process.stdout.write('\n');
}

/** A user with `photos` ready photos (originals in S3), reactions on them, and reactions given. */
async function seed(photos: number, others: { userId: string; photoIds: string[] }) {
  const account = await createSignedInAccount();
  const userId = account.sub;
  const handle = `bench_${userId.replace(/-/g, '').slice(0, 12)}`;
  await registerUser({ userId, email: account.email, handle, displayName: 'Bench' });
  const at = new Date().toISOString();
  const albumIds = Array.from({ length: Math.ceil(photos / PHOTOS_PER_ALBUM) }, () => ulid());
  await entities()
    .albums.put(
      albumIds.map((albumId, i) => ({
        albumId,
        ownerId: userId,
        title: `Bench ${i}`,
        visibility: 'public' as const,
        photoCount: Math.min(PHOTOS_PER_ALBUM, photos - i * PHOTOS_PER_ALBUM),
        readyPhotoCount: Math.min(PHOTOS_PER_ALBUM, photos - i * PHOTOS_PER_ALBUM),
      })),
    )
    .go();
  await entities()
    .shareLinks.put(
      albumIds.map((albumId) => ({
        token: ulid().toLowerCase() + ulid().toLowerCase().slice(0, 17),
        albumId,
        ownerId: userId,
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        ttl: Math.ceil(Date.now() / 1000) + 3600,
      })),
    )
    .go();
  const records = Array.from({ length: photos }, (_, i) => {
    const photoId = ulid();
    return {
      photoId,
      albumId: albumIds[Math.floor(i / PHOTOS_PER_ALBUM)] as string,
      ownerId: userId,
      status: 'ready' as const,
      contentType: 'image/jpeg',
      size: 10,
      objectKey: `uploads/${userId}/${photoId}`,
      likeCount: 1,
      commentCount: 1,
      createdAt: at,
    };
  });
  await inBatches(records, `${photos} photos, a like and a comment on each`, async (chunk) => {
    await entities().photos.put(chunk).go({ concurrency: IN_FLIGHT });
    await entities()
      .likes.put(
        chunk.map((p) => ({ photoId: p.photoId, photoOwnerId: userId, userId: others.userId, likedAt: at })),
      )
      .go({ concurrency: IN_FLIGHT });
    await entities()
      .comments.put(
        chunk.map((p) => ({
          photoId: p.photoId,
          photoOwnerId: userId,
          commentId: ulid(),
          authorId: others.userId,
          body: 'nice',
        })),
      )
      .go({ concurrency: IN_FLIGHT });
  });
  await inBatches(records, 'originals in S3', async (chunk) => {
    await Promise.all(
      chunk.map((p) =>
        s3Client().send(
          new PutObjectCommand({
            Bucket: bucketName(),
            Key: p.objectKey,
            Body: 'jpeg',
            ContentType: 'image/jpeg',
          }),
        ),
      ),
    );
  });
  // What the user gave on the other user's photos (through the data layer: the counters move too).
  const given = Math.max(1, Math.floor(photos / GIVEN_PER_PHOTOS));
  const targets = others.photoIds;
  await inBatches(
    Array.from({ length: given }, (_, i) => i),
    'likes and comments given',
    async (chunk) => {
      await Promise.all(
        chunk.map(async (i) => {
          const photoId = targets[i % targets.length] as string;
          if (i < targets.length) await likePhoto({ photoId, photoOwnerId: others.userId, userId });
          await addComment({ photoId, photoOwnerId: others.userId, authorId: userId, body: `given ${i}` });
        }),
      );
    },
    50,
  );
  return { userId, username: account.email };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // The task functions log a line per invocation: only warnings here, the progress line is the bench's.
  process.env.LOG_LEVEL ??= 'warn';
  console.log('Starting DynamoDB Local, s3rver and cognito-local…');
  const stack = await startLocalStack({ tableName: 'bench-erasure', bucketName: 'bench-erasure' });
  Object.assign(process.env, stack.env, { DYNAMODB_REQUEST_TIMEOUT_MS: '30000' });
  const events: Array<{ type: string; stateType?: string }> = [];
  const workflows = await startLocalWorkflows({
    serviceDir: path.resolve(__dirname, '..'),
    waitMs: 0,
    onEvent: (execution, event) => {
      if (event.type === 'StateEntered' && event.index === undefined)
        progress(`  erasure: ${event.state.name}`);
      events.push({
        type: event.type,
        ...(event.type === 'StateEntered' ? { stateType: event.state.type } : {}),
      });
    },
  });
  const results: Result[] = [];
  try {
    // Another user whose photos the erased users like and comment on.
    const other = await createSignedInAccount();
    await registerUser({
      userId: other.sub,
      email: other.email,
      handle: `bench_other_${other.sub.slice(0, 8)}`,
      displayName: 'Other',
    });
    const otherAlbum = ulid();
    await entities()
      .albums.put({
        albumId: otherAlbum,
        ownerId: other.sub,
        title: 'Other',
        visibility: 'public',
        photoCount: 100,
      })
      .go();
    const otherPhotos = Array.from({ length: 100 }, () => ulid());
    await entities()
      .photos.put(
        otherPhotos.map((photoId) => ({
          photoId,
          albumId: otherAlbum,
          ownerId: other.sub,
          status: 'ready' as const,
          contentType: 'image/jpeg',
          size: 10,
          objectKey: `uploads/${other.sub}/${photoId}`,
        })),
      )
      .go();

    for (const size of SIZES) {
      console.log(`\n${size} photos: seeding…`);
      const user = await seed(size, { userId: other.sub, photoIds: otherPhotos });
      const erasureId = newErasureId();
      await requestErasure({ erasureId, ...user });
      const records: RequestRecord[] = [];
      events.length = 0;
      const stop = onRequest((record) => records.push(record));
      const started = performance.now();
      const run = workflows.sfn.startExecution({
        stateMachineArn: workflows.arn('erasure'),
        name: erasureId,
        input: JSON.stringify({ erasureId, ...user }),
      });
      const execution = await workflows.waitFor(run.executionArn);
      const seconds = (performance.now() - started) / 1000;
      stop();
      process.stdout.write('\n');
      if (execution.status !== 'SUCCEEDED')
        throw new Error(`erasure ${execution.status}: ${execution.error} ${execution.cause}`);
      const { progress: counted } = await getErasure(erasureId);
      if (counted.photos !== size) throw new Error(`erased ${counted.photos} photos of ${size}`);
      // Nothing the user gave is left on the other user's photos (their counters follow from the
      // table's stream: the activity service's cost is bench:hotkey's).
      const left =
        (await listGivenLikes(user.userId)).items.length +
        (await listAuthoredComments(user.userId)).items.length;
      if (left !== 0) throw new Error(`${left} likes or comments of the user are left`);
      const byCommand: Record<string, number> = {};
      for (const r of records) byCommand[r.command] = (byCommand[r.command] ?? 0) + 1;
      const units = (write: boolean) =>
        records
          .filter((r) => WRITE_COMMANDS.has(r.command) === write)
          .reduce((sum, r) => sum + r.capacityUnits, 0);
      const itemsDeleted =
        counted.photos +
        counted.reactionsOnPhotos +
        counted.likes +
        counted.comments +
        counted.albums +
        counted.shareLinks +
        counted.exports +
        2;
      results.push({
        photos: size,
        itemsDeleted,
        objectsDeleted: counted.objects,
        seconds,
        requests: records.length,
        byCommand,
        writeUnits: units(true),
        readUnits: units(false),
        scans: byCommand.ScanCommand ?? 0,
        historyEvents: historyEvents(events),
      });
      const r = results.at(-1) as Result;
      console.log(
        `  ${size} photos: ${r.itemsDeleted} items and ${r.objectsDeleted} objects in ${seconds.toFixed(1)} s, ${r.requests} requests (${(r.requests / r.itemsDeleted).toFixed(3)}/item), ${(r.writeUnits / r.itemsDeleted).toFixed(2)} WCU/item, scans: ${r.scans}`,
      );
    }
  } finally {
    await workflows.close();
    closeAccountClients();
    await stack.stop();
  }
  const section = render(results);
  console.log(`\n${section}`);
  writeSection('erasure', section);
}

function render(results: Result[]): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const per = (n: number, r: Result) => (n / r.itemsDeleted).toFixed(3);
  const rows = results.map(
    (r) =>
      `| ${r.photos.toLocaleString('en-US')} | ${r.itemsDeleted.toLocaleString('en-US')} | ${r.objectsDeleted.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} | ${((r.seconds * 1000) / r.itemsDeleted).toFixed(2)} | ${r.requests.toLocaleString('en-US')} | ${per(r.requests, r)} | ${per(r.byCommand.BatchWriteItemCommand ?? 0, r)} | ${per(r.byCommand.TransactWriteItemsCommand ?? 0, r)} | ${per(r.byCommand.QueryCommand ?? 0, r)} | ${r.writeUnits.toFixed(0)} | ${per(r.writeUnits, r)} | ${r.scans} | ${r.historyEvents.toLocaleString('en-US')} |`,
  );
  const first = results[0];
  const last = results.at(-1);
  const ratio = (f: (r: Result) => number) => (first && last ? (f(last) / f(first)).toFixed(2) : 'n/a');
  return [
    '## Workflows: account erasure cost against account size',
    '',
    `Produced by \`pnpm bench:erasure\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} × ${cpu}, Node ${process.version}), against the local stack (DynamoDB Local, s3rver, cognito-local), on a machine shared with other work: times are noisy, ratios within the run are the measure.`,
    `The real erasure state machine (services/workflows/src/state-machines/erasure.yml, loaded with \`serverless print\`) runs in aws-local-stepfunctions with every Task in-process and the 6-minute wait for issued upload URLs skipped. Each user has N ready photos in albums of ${PHOTOS_PER_ALBUM} with a share link each, each photo with its original in S3, one like and one comment from another user; and gave one like and one comment per ${GIVEN_PER_PHOTOS} photos on another user's photos (deleted as items; the counters and activity entries they leave follow from the table's stream, whose cost \`pnpm bench:hotkey\` measures: no stream delivery runs here). Every DynamoDB request the execution sent is counted (\`onRequest\`), with the capacity DynamoDB reported.`,
    '',
    '| photos | items deleted | objects deleted | seconds | ms per item | DynamoDB requests | requests per item | BatchWriteItem per item | TransactWriteItems per item | Query per item | write units | write units per item | Scan | history events (estimated) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `From ${first?.photos ?? 0} to ${last?.photos ?? 0} photos, requests per item changed by **${ratio((r) => r.requests / r.itemsDeleted)}×** and write units per item by **${ratio((r) => r.writeUnits / r.itemsDeleted)}×** (target: flat), time per item by ${ratio((r) => r.seconds / r.itemsDeleted)}×. No Scan was sent (the client refuses one, and none is counted).`,
    '',
    "Where the requests go: one Query per photo partition (keys only: the photo and what is on it), and BatchWriteItem deletes of 25 keys, the reactions the user gave included (their photos' counters follow from the table's stream); the rest is the erasure record's progress (one UpdateItem per step invocation) and the few reads of each step. Write units count the index copies DynamoDB deletes with each item: a photo sits in two indexes (album, owner), a like and a comment in one (the giver's), so a deleted item costs 2 to 3 write units, whatever the account's size. Step Functions history: a standard workflow holds 25 000 events; the estimate counts 5 per Task state, 2 per other state, 2 more per Map iteration (one iteration per 100 photos) and 3 per retry.",
    '',
    'Reproduce: `pnpm bench:erasure` (env `BENCH_SIZES`, default 100,1000,10000).',
  ].join('\n');
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
