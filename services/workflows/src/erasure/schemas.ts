// The shapes of the erasure state machine's data, as its Task states pass them (src/state-machines/
// erasure.yml): the erasure's identity, and one `loop` object per paged step that each invocation
// takes and hands back.
import { erasureIdSchema, usernameSchema } from '@gallery/core/access/erasures';
import { userIdSchema } from '@gallery/core/validation';
import * as z from '@gallery/core/zod';

/** A DynamoDB start key (LastEvaluatedKey) passed from one invocation to the next. */
export const startKeySchema = z.optional(z.nullable(z.record(z.string(), z.unknown())));

export const erasureRef = z.object({ erasureId: erasureIdSchema, userId: userIdSchema });

/** What every paged step's loop carries: whether it is done, and its counters so far. */
export const counter = z.optional(z.number().check(z.int(), z.minimum(0)));

export { erasureIdSchema, usernameSchema, userIdSchema };
