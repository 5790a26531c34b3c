// Every job runs against a time budget that ends before the Lambda timeout, checked between units
// of work (a page, an item), so a run always stops on its own, records where it got to and logs
// its summary instead of being killed mid-write.

export interface Budget {
  /** Milliseconds left before the job must stop starting new work. */
  remainingMs(): number;
  exhausted(): boolean;
}

/** Time kept back for the last unit of work in flight, the checkpoint and the summary. */
export const DEFAULT_SAFETY_MARGIN_MS = 10_000;

export interface BudgetOptions {
  /** Hard end: the Lambda's remaining time (context.getRemainingTimeInMillis). */
  remainingMs?: number;
  /** Upper bound the caller asks for (job input `maxDurationSeconds`). */
  maxMs?: number;
  safetyMarginMs?: number;
  clock?: () => number;
}

export function createBudget(options: BudgetOptions = {}): Budget {
  const clock = options.clock ?? Date.now;
  const start = clock();
  const margin = options.safetyMarginMs ?? DEFAULT_SAFETY_MARGIN_MS;
  const limits = [
    options.remainingMs === undefined ? Infinity : options.remainingMs - margin,
    options.maxMs ?? Infinity,
  ];
  const allowed = Math.max(0, Math.min(...limits));
  const remainingMs = () => Math.max(0, allowed - (clock() - start));
  return { remainingMs, exhausted: () => remainingMs() <= 0 };
}
