// Raw DynamoDB responses (requests sent with the params ElectroDB builds, see reads.ts) turned into
// items by ElectroDB's own formatting, `entity.parse()`: attribute field names, hidden attributes
// and `get` hooks apply exactly as with `.go()`. Only items the entity owns are kept (the same
// identity check `.go()` makes), and the cursor is ours (pagination.ts), not ElectroDB's.
import { entities, type GalleryEntities } from './entities/service';
import { encodeCursor, type ListIdentity, type Page } from './pagination';

type EntityAlias = Exclude<keyof GalleryEntities, 'handles'>;

type RawItem = Record<string, unknown>;

/** The one ElectroDB method used here, as every entity has it (its result type differs per entity). */
interface Parser {
  parse(
    response: { Item?: RawItem } | { Items?: RawItem[] } | { Attributes?: RawItem },
    options: { ignoreOwnership: boolean },
  ): { data: unknown } | null;
}

const OWNED_ONLY = { ignoreOwnership: false } as const;

function parser(alias: EntityAlias): Parser {
  return entities()[alias] as unknown as Parser;
}

/** The items of one raw response's `Items` that belong to the entity, formatted. */
export function parseItems<T>(alias: EntityAlias, items: readonly RawItem[]): T[] {
  return (parser(alias).parse({ Items: [...items] }, OWNED_ONLY)?.data ?? []) as T[];
}

/** One raw item (`Item`, `Attributes`, a cancelled write's old image); null when not the entity's. */
export function parseItem<T>(alias: EntityAlias, item: RawItem | undefined): T | null {
  if (!item) return null;
  return (parser(alias).parse({ Item: item }, OWNED_ONLY)?.data ?? null) as T | null;
}

interface RawQueryOutput {
  Items?: RawItem[];
  LastEvaluatedKey?: Record<string, string | number>;
}

/** Turns one raw Query response into `{ items, cursor }`. */
export function toPage<T>(alias: EntityAlias, list: ListIdentity, response: { data: unknown }): Page<T> {
  const output = response.data as RawQueryOutput;
  return {
    items: parseItems<T>(alias, output.Items ?? []),
    cursor: output.LastEvaluatedKey ? encodeCursor(list, output.LastEvaluatedKey) : null,
  };
}

/** Formats one raw GetItem response; null when absent or not this entity's. */
export function toItem<T>(alias: EntityAlias, response: { data: unknown }): T | null {
  return parseItem<T>(alias, (response.data as { Item?: RawItem } | undefined)?.Item);
}

/** Formats the first item of one raw Query response; null when the page is empty. */
export function firstItem<T>(alias: EntityAlias, response: { data: unknown }): T | null {
  const items = (response.data as { Items?: RawItem[] } | undefined)?.Items ?? [];
  return parseItems<T>(alias, items)[0] ?? null;
}
