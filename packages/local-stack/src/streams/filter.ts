// Lambda event filtering (FilterCriteria) for stream records, as the event source mapping applies it
// before batching: a record reaches the function if it matches at least one pattern, and is dropped
// otherwise (for a stream, dropped means skipped: it is never delivered and never retried).
//
// The rule language is the subset of EventBridge patterns Lambda documents: at each level every key
// must match (AND), a leaf is an array of alternatives (OR), `$or` takes alternative sub-patterns.
// Leaf alternatives: a literal (string, number, boolean, null: equality), `prefix`, `suffix`,
// `equals-ignore-case`, `anything-but` (a value, a list, or `{prefix}`/`{suffix}`), `numeric`
// (comparisons on JSON numbers) and `exists`. Two documented consequences of matching the record as
// Lambda serialises it are kept: DynamoDB values are typed objects (`{"S": "x"}`), so patterns go one
// level deeper (`"status": {"S": ["ready"]}`), and `N` values are strings, so `numeric` matches only
// fields that are JSON numbers (`dynamodb.SizeBytes`, `ApproximateCreationDateTime`); `exists` applies to
// leaves only (`"sk": {"S": [{"exists": true}]}`, not `"sk": [{"exists": true}]`).

export type FilterPattern = { [key: string]: unknown };

export class InvalidFilterPatternError extends Error {
  override name = 'InvalidFilterPatternError';
}

type Leaf = string | number | boolean | null;
const isLeaf = (value: unknown): value is Leaf =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

/** Throws InvalidFilterPatternError for a pattern Lambda would refuse when creating the mapping. */
export function validateFilterPattern(pattern: unknown, path = ''): void {
  if (!isObject(pattern)) throw new InvalidFilterPatternError(`pattern${path} must be a JSON object`);
  for (const [key, value] of Object.entries(pattern)) {
    const at = `${path}.${key}`;
    if (key === '$or') {
      if (!Array.isArray(value) || value.length < 2) {
        throw new InvalidFilterPatternError(`${at} takes an array of at least two patterns`);
      }
      value.forEach((sub, i) => validateFilterPattern(sub, `${at}[${i}]`));
    } else if (Array.isArray(value)) {
      if (value.length === 0) throw new InvalidFilterPatternError(`${at}: an empty list matches nothing`);
      value.forEach((rule) => validateRule(rule, at));
    } else if (isObject(value)) {
      validateFilterPattern(value, at);
    } else {
      throw new InvalidFilterPatternError(
        `${at}: a value to match must be in a list, e.g. [${JSON.stringify(value)}]`,
      );
    }
  }
}

function validateRule(rule: unknown, at: string): void {
  if (isLeaf(rule)) return;
  if (!isObject(rule) || Object.keys(rule).length !== 1) {
    throw new InvalidFilterPatternError(
      `${at}: ${JSON.stringify(rule)} is not a value or a one-key operator`,
    );
  }
  const [operator, operand] = Object.entries(rule)[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof operand !== 'string')
        throw new InvalidFilterPatternError(`${at}: ${operator} takes a string`);
      return;
    case 'exists':
      if (typeof operand !== 'boolean')
        throw new InvalidFilterPatternError(`${at}: exists takes true or false`);
      return;
    case 'anything-but':
      if (isLeaf(operand)) return;
      if (Array.isArray(operand) && operand.length > 0 && operand.every(isLeaf)) return;
      if (isObject(operand) && Object.keys(operand).length === 1) {
        const [inner, text] = Object.entries(operand)[0] as [string, unknown];
        if ((inner === 'prefix' || inner === 'suffix') && typeof text === 'string') return;
      }
      throw new InvalidFilterPatternError(
        `${at}: anything-but takes a value, a list of values, {prefix} or {suffix}`,
      );
    case 'numeric': {
      const terms = Array.isArray(operand) ? operand : [];
      const wellFormed =
        (terms.length === 2 || terms.length === 4) &&
        terms.every((term, i) =>
          i % 2 === 0 ? NUMERIC_OPERATORS.has(term as string) : typeof term === 'number',
        );
      if (!wellFormed) throw new InvalidFilterPatternError(`${at}: numeric takes [op, n] or [op, n, op, n]`);
      return;
    }
    default:
      throw new InvalidFilterPatternError(`${at}: unknown operator "${operator}"`);
  }
}

function compare(value: number, operator: string, operand: number): boolean {
  switch (operator) {
    case '=':
      return value === operand;
    case '<':
      return value < operand;
    case '<=':
      return value <= operand;
    case '>':
      return value > operand;
    default:
      return value >= operand;
  }
}

/** One leaf alternative against one present scalar value. */
function ruleMatchesValue(rule: unknown, value: Leaf): boolean {
  if (isLeaf(rule)) return rule === value;
  const [operator, operand] = Object.entries(rule as Record<string, unknown>)[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(operand as string);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(operand as string);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === (operand as string).toLowerCase();
    case 'exists':
      return operand === true;
    case 'anything-but': {
      if (isObject(operand)) {
        const [inner, text] = Object.entries(operand)[0] as [string, string];
        if (typeof value !== 'string') return true;
        return inner === 'prefix' ? !value.startsWith(text) : !value.endsWith(text);
      }
      const excluded = Array.isArray(operand) ? operand : [operand];
      return !excluded.includes(value);
    }
    default: {
      if (typeof value !== 'number') return false;
      const terms = operand as Array<string | number>;
      for (let i = 0; i < terms.length; i += 2) {
        if (!compare(value, terms[i] as string, terms[i + 1] as number)) return false;
      }
      return true;
    }
  }
}

function leafMatches(rules: unknown[], value: unknown, present: boolean): boolean {
  return rules.some((rule) => {
    if (isObject(rule) && 'exists' in rule) {
      // `exists` looks at leaves only: a present object is neither "there" nor "absent".
      if (!present) return rule.exists === false;
      return rule.exists === true && !isObject(value);
    }
    if (!present) return false;
    // An array in the record matches when any of its elements does.
    const values = Array.isArray(value) ? value : [value];
    return values.some((v) => isLeaf(v) && ruleMatchesValue(rule, v));
  });
}

function patternMatches(pattern: Record<string, unknown>, subject: unknown): boolean {
  const fields = isObject(subject) ? subject : {};
  return Object.entries(pattern).every(([key, expected]) => {
    if (key === '$or') {
      return (expected as Array<Record<string, unknown>>).some((sub) => patternMatches(sub, subject));
    }
    const present = Object.prototype.hasOwnProperty.call(fields, key) && fields[key] !== undefined;
    if (Array.isArray(expected)) return leafMatches(expected, fields[key], present);
    // A missing (or non-object) branch leaves every leaf below it absent: only `exists: false` matches there.
    return patternMatches(expected as Record<string, unknown>, fields[key]);
  });
}

/** Does the record pass the mapping's filters? No filters: every record does. */
export function matchesFilters(record: unknown, patterns: readonly FilterPattern[]): boolean {
  return patterns.length === 0 || patterns.some((pattern) => patternMatches(pattern, record));
}
