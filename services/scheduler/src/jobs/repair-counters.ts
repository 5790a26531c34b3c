// Repairs drifted counters (a user's albumCount, an album's photoCount, a photo's likeCount) by
// recounting the items they count, one counter at a time, and writing only where the value is
// wrong.
//
// What gets checked: the counter-repair queue (a partition of its own in the table), not the
// table. Nothing can enumerate every album or photo without a Scan, and a Scan's cost follows the
// table's size; the queue's follows the work asked for. Requests come from `requestCounterRepairs`
// (a hand run with `--user/--album/--photo`, or any code path that suspects drift) and from deep
// repairs: a deep request for a user queues each of its albums, a deep album queues its photos
// (parents sort first in the queue, so the same walk reaches them). A request leaves the queue
// only when its counter was found right or fixed, so the queue is also the checkpoint.
//
// Concurrency: the counter and its item's `updatedAt` are read (strongly consistent) before
// counting, and the fix is conditional on both being unchanged, so a like or upload landing in
// between is never overwritten; that counter is simply counted again next run. Counters whose item
// changed within `settleSeconds` are left for later too, because albums and photos are counted on
// gsi1, which lags the table by up to about a second.
import {
  COUNTERS,
  counterTargetSchema,
  countChildrenPage,
  getCounter,
  setCounter,
  type CounterTarget,
} from '@gallery/core/access/counters';
import {
  completeCounterRepair,
  listCounterRepairs,
  requestCounterRepairs,
  type RepairRequest,
} from '@gallery/core/access/counter-repairs';
import { RETRY_POLICIES, retrying, type RetryOptions } from '@gallery/core/retry';
import * as z from '@gallery/core/zod';
import { Tally, commonInput, defineJob, type JobRunOptions, type JobSummary } from '../lib/job';

export const JOB = 'repairCounters';

export const DEFAULT_SETTLE_SECONDS = 60;

export interface RepairOptions extends JobRunOptions {
  /** Queued before the walk (so a run cut short by its budget leaves them for the next one). */
  targets?: CounterTarget[];
  /** Queue the targets as deep repairs. */
  deep?: boolean;
  settleSeconds?: number;
  /** Queue entries per Query page. */
  pageSize?: number;
}

export interface CounterFix extends CounterTarget {
  from: number;
  to: number;
  /** The ready counter, for a kind that keeps one (null: the item had none). */
  readyFrom?: number | null;
  readyTo?: number;
}

export interface RepairSummary extends JobSummary {
  /** Counters left queued for the next run (item changed meanwhile, or still settling). */
  retryNextRun: number;
  /** Counted items queued by deep repairs. */
  queued: number;
  /** The first fixes of the run, for the log. */
  fixes: CounterFix[];
}

const MAX_FIXES_LOGGED = 20;

type Outcome = 'correct' | 'fixed' | 'missing' | 'retry' | 'interrupted';

/**
 * Queues requests, 25 per BatchWriteItem, resending what DynamoDB leaves unprocessed under the
 * shared retry policy; throws if some are still unprocessed after it.
 */
export async function queueRepairs(requests: RepairRequest[], retry: RetryOptions = {}): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let batch = requests.slice(i, i + 25);
    const { gaveUp } = await retrying(
      RETRY_POLICIES.throttled,
      async () => {
        batch = await requestCounterRepairs(batch);
        return { retry: batch.length > 0, value: batch };
      },
      retry,
    );
    if (gaveUp) throw new Error(`could not queue ${batch.length} counter repairs (throttled)`);
  }
}

export async function repairCounters(options: RepairOptions): Promise<RepairSummary> {
  const clock = options.now ?? (() => new Date());
  const settleMs = (options.settleSeconds ?? DEFAULT_SETTLE_SECONDS) * 1000;
  const tally = new Tally(JOB);
  const fixes: CounterFix[] = [];
  let retryNextRun = 0;
  let queued = 0;
  const withinBudget = (): RetryOptions => ({ deadline: Date.now() + options.budget.remainingMs() });

  async function repairOne(request: RepairRequest): Promise<Outcome> {
    const target = { kind: request.kind, id: request.id };
    const state = await getCounter(target);
    if (!state) {
      await completeCounterRepair(request);
      return 'missing';
    }
    if (clock().getTime() - Date.parse(state.updatedAt) < settleMs) return 'retry';
    const childKind = COUNTERS[target.kind].counts;
    const collectIds = request.deep && childKind !== null;
    let count = 0;
    let ready = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      if (options.budget.exhausted()) return 'interrupted';
      const page = await countChildrenPage(target, { startKey, collectIds });
      count += page.count;
      ready += page.ready;
      if (collectIds && childKind && page.ids.length > 0) {
        const requestedAt = clock().toISOString();
        await queueRepairs(
          page.ids.map((id) => ({ kind: childKind, id, deep: true, requestedAt })),
          withinBudget(),
        );
        queued += page.ids.length;
      }
      startKey = page.nextKey;
    } while (startKey);
    const keepsReady = COUNTERS[target.kind].ready !== null;
    if (count === state.value && (!keepsReady || ready === state.ready)) {
      await completeCounterRepair(request);
      return 'correct';
    }
    const fix = { target, expected: state, value: count, ...(keepsReady ? { ready } : {}) };
    if ((await setCounter(fix)) === 'changed') return 'retry';
    if (fixes.length < MAX_FIXES_LOGGED) {
      fixes.push({
        ...target,
        from: state.value,
        to: count,
        ...(keepsReady ? { readyFrom: state.ready ?? null, readyTo: ready } : {}),
      });
    }
    await completeCounterRepair(request);
    return 'fixed';
  }

  try {
    if (options.targets && options.targets.length > 0) {
      const requestedAt = clock().toISOString();
      await queueRepairs(
        options.targets.map((t) => ({ ...t, deep: options.deep ?? false, requestedAt })),
        withinBudget(),
      );
    }
    let startKey: Record<string, unknown> | undefined;
    walk: do {
      if (options.budget.exhausted()) {
        tally.stoppedBy = 'budget';
        break;
      }
      const page = await listCounterRepairs(startKey, options.pageSize ?? 100);
      tally.pages++;
      const queuedBefore = queued;
      // One counter at a time: a counter can span many pages, and each is checked against the budget.
      for (const request of page.items) {
        if (options.budget.exhausted()) {
          tally.stoppedBy = 'budget';
          break walk;
        }
        tally.examined++;
        let outcome: Outcome;
        try {
          outcome = await repairOne(request);
        } catch {
          tally.failed++;
          continue;
        }
        if (outcome === 'fixed') tally.changed++;
        else if (outcome === 'retry') retryNextRun++;
        else if (outcome === 'interrupted') {
          retryNextRun++;
          tally.stoppedBy = 'budget';
          break walk;
        }
      }
      options.onProgress?.(
        tally.progress(page.items.at(-1) && `${page.items.at(-1)?.kind} ${page.items.at(-1)?.id}`),
      );
      // Work queued by this page sorts after it: carry on past the last item even if the page
      // looked like the end of the queue when it was read.
      startKey = page.nextKey ?? (queued > queuedBefore ? page.lastKey : undefined);
    } while (startKey);
  } catch (err) {
    tally.fail(err);
  }
  return { ...tally.summary(), retryNextRun, queued, fixes };
}

export const repairInput = z.extend(commonInput, {
  users: z.optional(z.array(z.string()).check(z.maxLength(1000))),
  albums: z.optional(z.array(z.string()).check(z.maxLength(1000))),
  photos: z.optional(z.array(z.string()).check(z.maxLength(1000))),
  deep: z.optional(z.boolean()),
  settleSeconds: z.optional(z.number().check(z.minimum(0), z.maximum(3600))),
});

export function repairTargets(input: z.output<typeof repairInput>): CounterTarget[] {
  const targets = [
    ...(input.users ?? []).map((id) => ({ kind: 'user' as const, id })),
    ...(input.albums ?? []).map((id) => ({ kind: 'album' as const, id })),
    ...(input.photos ?? []).map((id) => ({ kind: 'photo' as const, id })),
  ];
  return targets.map((target) => {
    const parsed = counterTargetSchema.safeParse(target);
    if (!parsed.success)
      throw new RangeError(`invalid job input: not a valid ${target.kind} id: ${target.id}`);
    return parsed.data;
  });
}

export const repairCountersJob = defineJob({
  input: repairInput,
  run: (input, options) =>
    repairCounters({
      ...options,
      targets: repairTargets(input),
      deep: input.deep ?? false,
      ...(input.settleSeconds === undefined ? {} : { settleSeconds: input.settleSeconds }),
    }),
});
