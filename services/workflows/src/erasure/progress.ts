// Counters that survive a step running again. A paged step keeps its counters in its loop object
// (the state machine passes it from one invocation to the next) and writes them to the erasure's
// record as absolute values. When a loop starts, from nothing, its counters start from what the
// record already says: an earlier pass, or an earlier execution of the same erasure, counted those.
import {
  getErasure,
  recordErasureProgress,
  type ErasureCounter,
  type ErasureProgress,
  type ErasureStep,
} from '@gallery/core/access/erasures';

/**
 * The loop's counters, or the record's when the loop has none yet: it is starting, and the record
 * then says that `step` is where the erasure is.
 */
export async function countersFrom<K extends ErasureCounter>(
  erasureId: string,
  step: ErasureStep,
  names: readonly K[],
  loop: Partial<Record<K, number | undefined>>,
): Promise<Record<K, number>> {
  const started = names.every((name) => typeof loop[name] === 'number');
  if (!started) await recordErasureProgress(erasureId, step);
  const base: Partial<ErasureProgress> = started ? loop : (await getErasure(erasureId)).progress;
  return Object.fromEntries(names.map((name) => [name, base[name] ?? 0])) as Record<K, number>;
}

export function recordStep(
  erasureId: string,
  step: ErasureStep,
  counters: Partial<ErasureProgress> = {},
): Promise<void> {
  return recordErasureProgress(erasureId, step, counters);
}
