// Reads go out as exactly the request ElectroDB builds (`.params()`), sent through the shared
// DocumentClient, rather than through ElectroDB's `.go()`. go() sends the same request but costs
// ~50-100 µs more a call on a warm Lambda (it builds an Error for a stack trace on every call and
// runs its own client wrapper): the largest part of the layer's overhead on a GetItem route.
// Responses stay raw and are formatted by format.ts, as they were with go({ data: 'raw' }).
import {
  GetCommand,
  QueryCommand,
  type GetCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { docClient } from './client';
import type { ResolvedPage } from './pagination';
import { guarded } from './transactions';

/** An ElectroDB get or query operation (anything with `.params()`). */
interface ReadOperation {
  params(options?: { limit?: number; order?: 'asc' | 'desc'; consistent?: boolean }): object;
}

/** The GetItem request of `op`, for readers of one item. */
export function getRequest(op: ReadOperation, options: { consistent?: boolean } = {}): GetCommandInput {
  return op.params(options.consistent ? { consistent: true } : undefined) as GetCommandInput;
}

/**
 * The Query request of `op` for one page: `limit` items from the verified start key, in `order`
 * (DynamoDB's ascending default when omitted).
 */
export function queryRequest(
  op: ReadOperation,
  page: Pick<ResolvedPage, 'limit' | 'startKey'>,
  order?: 'asc' | 'desc',
): QueryCommandInput {
  const input = op.params(order ? { limit: page.limit, order } : { limit: page.limit }) as QueryCommandInput;
  // `.params()` ignores a start key; go() would have set this one.
  if (page.startKey) input.ExclusiveStartKey = page.startKey;
  return input;
}

/** One GetItem; the raw response, for toItem. */
export async function getItem(
  op: ReadOperation,
  options: { consistent?: boolean } = {},
): Promise<{ data: unknown }> {
  const input = getRequest(op, options);
  return { data: await guarded(() => docClient().send(new GetCommand(input))) };
}

/** One Query page; the raw response, for toPage / firstItem. */
export async function queryPage(
  op: ReadOperation,
  page: Pick<ResolvedPage, 'limit' | 'startKey'>,
  order?: 'asc' | 'desc',
): Promise<{ data: unknown }> {
  const input = queryRequest(op, page, order);
  return { data: await guarded(() => docClient().send(new QueryCommand(input))) };
}
