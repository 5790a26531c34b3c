import { handleProblem } from './handles';
import { handleInputSchema } from './schemas';

describe('handles', () => {
  it('accepts canonical handles of 3 to 30 characters', () => {
    expect(handleProblem('ada_lovelace')).toBeUndefined();
    expect(handleProblem('abc')).toBeUndefined();
    expect(handleProblem('a'.repeat(30))).toBeUndefined();
  });

  it.each([undefined, '', 'ab', 'a'.repeat(31), 'Ada', 'ada lovelace', 'ada-l', 'adá'])(
    'calls %p malformed',
    (handle) => {
      expect(handleProblem(handle)).toBe('malformed');
    },
  );

  it.each(['admin', 'root', 'support', 'gallery'])('calls %p reserved', (handle) => {
    expect(handleProblem(handle)).toBe('reserved');
  });

  it('takes handles at the route as they are stored (lower case, as the document states), reserved ones refused', () => {
    expect(handleInputSchema.parse('ada_lovelace')).toBe('ada_lovelace');
    for (const refused of ['admin', 'Ada', ' ada ', 'no way', 'ada\u0000']) {
      expect({ refused, ok: handleInputSchema.safeParse(refused).success }).toEqual({ refused, ok: false });
    }
  });
});
