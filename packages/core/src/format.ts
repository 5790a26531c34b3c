// A lean formatter for query pages. ElectroDB's own response formatting walks
// every attribute through its schema machinery and costs ~2-3× the SDK's
// unmarshalling for a 100-item page (see docs/performance.md); our entities
// have no attribute `get` hooks, so formatting is only: keep the items this
// entity owns (same identity check as ElectroDB) and copy its attributes,
// dropping key and identity fields.
import { entities } from './entities/service';
import { encodeCursor, type ListIdentity, type Page } from './pagination';

type EntityAlias = 'users' | 'albums' | 'photos' | 'likes' | 'comments' | 'shareLinks' | 'activity';

interface Formatter {
  entity: string;
  version: string;
  names: string[];
}

const formatters = new Map<EntityAlias, Formatter>();

function formatterOf(alias: EntityAlias): Formatter {
  let f = formatters.get(alias);
  if (!f) {
    const entity = entities()[alias] as unknown as {
      schema: { model: { entity: string; version: string }; attributes: Record<string, unknown> };
    };
    f = {
      entity: entity.schema.model.entity,
      version: entity.schema.model.version,
      names: Object.keys(entity.schema.attributes),
    };
    formatters.set(alias, f);
  }
  return f;
}

export function formatItems<T>(alias: EntityAlias, items: readonly Record<string, unknown>[]): T[] {
  const { entity, version, names } = formatterOf(alias);
  const out: T[] = [];
  for (const item of items) {
    if (item.__edb_e__ !== entity || item.__edb_v__ !== version) continue;
    const formatted: Record<string, unknown> = {};
    for (const name of names) {
      const value = item[name];
      if (value !== undefined) formatted[name] = value;
    }
    out.push(formatted as T);
  }
  return out;
}

interface RawQueryOutput {
  Items?: Record<string, unknown>[];
  LastEvaluatedKey?: Record<string, string | number>;
}

/** Turns one raw Query response (ElectroDB `data: 'raw'`) into `{ items, cursor }`. */
export function toPage<T>(alias: EntityAlias, list: ListIdentity, response: { data: unknown }): Page<T> {
  const output = response.data as RawQueryOutput;
  return {
    items: formatItems<T>(alias, output.Items ?? []),
    cursor: output.LastEvaluatedKey ? encodeCursor(list, output.LastEvaluatedKey) : null,
  };
}

/** Formats one raw GetItem response (ElectroDB `data: 'raw'`); null when absent or not this entity's. */
export function toItem<T>(alias: EntityAlias, response: { data: unknown }): T | null {
  const item = (response.data as { Item?: Record<string, unknown> } | undefined)?.Item;
  return item ? (formatItems<T>(alias, [item])[0] ?? null) : null;
}

/** Formats the first item of one raw Query response; null when the page is empty. */
export function firstItem<T>(alias: EntityAlias, response: { data: unknown }): T | null {
  const items = (response.data as { Items?: Record<string, unknown>[] } | undefined)?.Items ?? [];
  return formatItems<T>(alias, items)[0] ?? null;
}
