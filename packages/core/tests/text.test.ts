// The shared text schema: what it refuses, and that the JSON Schema it states (the OpenAPI
// document's) says the same thing for every value.
import * as z from '../src/zod';
import { atLeastOneOf, ruleStatement, text, type TextOptions } from '../src/validation';

/** The statement text() carries, as a JSON Schema validator would read it (code points, `pattern`). */
function statementAccepts(options: TextOptions, value: string): boolean {
  const check = text(options)._zod.def.checks?.[0];
  const statement = ruleStatement(check) as { minLength?: number; maxLength: number; pattern: string };
  const length = [...value].length;
  return (
    length >= (statement.minLength ?? 0) &&
    length <= statement.maxLength &&
    new RegExp(statement.pattern, 'u').test(value)
  );
}

// Every character String.prototype.trim removes, and a few it does not.
const TRIMMED = '\t\n\v\f\r \u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
const NOT_TRIMMED = ['\u200b', '\u180e', 'x', '😀', '\u0085'];

describe('text()', () => {
  const title = { min: 1, max: 5, notBlank: true, trim: true };

  it.each([
    ['NUL', 'a\u0000b', 'must not contain NUL characters'],
    ['a lone high surrogate', 'a\ud800b', 'must not contain unpaired surrogates'],
    ['a lone low surrogate', '\udc00', 'must not contain unpaired surrogates'],
    ['a surrogate pair out of order', '\udc00\ud800', 'must not contain unpaired surrogates'],
    ['white space only', ` ${TRIMMED} `.slice(0, 5), 'must not be blank'],
    ['too many code points', '😀😀😀😀😀😀', 'must be at most 5 characters long'],
    ['nothing', '', 'must not be empty'],
  ])('refuses %s', (_why, value, message) => {
    expect(text(title).safeParse(value).error?.issues).toEqual([
      expect.objectContaining({ code: 'custom', message }),
    ]);
  });

  it('counts code points (an emoji is one character, as in JSON Schema) and trims only after checking', () => {
    expect(text(title).parse('😀😀😀😀😀')).toBe('😀😀😀😀😀');
    expect(text(title).parse(' ab ')).toBe('ab');
    expect(text({ max: 3 }).parse(' a ')).toBe(' a ');
  });

  it('states exactly what it checks: the statement and the check agree on every value', () => {
    const values = [
      '',
      'a',
      'abcde',
      'abcdef',
      ...TRIMMED.split(''),
      ...NOT_TRIMMED,
      TRIMMED.slice(0, 5),
      ` ${NOT_TRIMMED.join('')}`,
      'a\u0000',
      '😀😀😀😀😀',
      '😀😀😀😀😀😀',
    ];
    for (const options of [title, { max: 5 }, { min: 2, max: 4 }]) {
      for (const value of values) {
        expect({ options, value, stated: statementAccepts(options, value) }).toEqual({
          options,
          value,
          stated: text(options).safeParse(value).success,
        });
      }
    }
  });
});

describe('atLeastOneOf()', () => {
  const schema = z
    .object({ a: z.optional(z.string()), b: z.optional(z.string()) })
    .check(atLeastOneOf(['a', 'b'], 'give a or b'));

  it('refuses an object with none of the keys, and states it as anyOf/required', () => {
    expect(schema.safeParse({}).error?.issues).toEqual([
      expect.objectContaining({ message: 'give a or b', path: ['a'] }),
    ]);
    expect(schema.safeParse({ b: 'x' }).success).toBe(true);
    expect(ruleStatement(schema._zod.def.checks?.[0])).toEqual({
      anyOf: [{ required: ['a'] }, { required: ['b'] }],
    });
  });
});
