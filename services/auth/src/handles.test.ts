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

  it('lower-cases and trims input handles at the route, and refuses reserved ones there too', () => {
    expect(handleInputSchema.parse('  Ada_Lovelace ')).toBe('ada_lovelace');
    expect(handleInputSchema.safeParse('Admin').success).toBe(false);
    expect(handleInputSchema.safeParse('no way').success).toBe(false);
  });
});
