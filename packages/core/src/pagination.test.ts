import { InvalidCursorError, ValidationError } from './errors';
import { decodeCursor, encodeCursor, resolvePage } from './pagination';

const list = { pattern: 'listAlbumPhotos', partition: '01J00000000000000000000000' };
const key = { pk: '$gallery#photoid_x', sk: '$photo_1', gsi1pk: 'a', gsi1sk: 'b' };

describe('cursor', () => {
  it('round-trips the key for the same list', () => {
    expect(decodeCursor(list, encodeCursor(list, key))).toEqual(key);
  });

  it('is opaque base64url with a signature', () => {
    expect(encodeCursor(list, key)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('rejects a modified payload', () => {
    const [payload, signature] = encodeCursor(list, key).split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    body.k.pk = '$gallery#photoid_other';
    const forged = `${Buffer.from(JSON.stringify(body)).toString('base64url')}.${signature}`;
    expect(() => decodeCursor(list, forged)).toThrow(InvalidCursorError);
  });

  it('rejects a modified signature, garbage and truncation', () => {
    const cursor = encodeCursor(list, key);
    const flipped = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA');
    for (const bad of [flipped, 'garbage', cursor.split('.')[0]!, `${cursor}.x`, '']) {
      expect(() => decodeCursor(list, bad)).toThrow(InvalidCursorError);
    }
  });

  it('rejects a cursor from another list or partition', () => {
    const cursor = encodeCursor(list, key);
    expect(() => decodeCursor({ ...list, partition: '01J00000000000000000000001' }, cursor)).toThrow(
      InvalidCursorError,
    );
    expect(() => decodeCursor({ ...list, pattern: 'listUserPhotos' }, cursor)).toThrow(InvalidCursorError);
  });

  it('depends on CURSOR_SECRET', () => {
    const cursor = encodeCursor(list, key);
    const previous = process.env.CURSOR_SECRET;
    process.env.CURSOR_SECRET = 'another-secret';
    try {
      expect(() => decodeCursor(list, cursor)).toThrow(InvalidCursorError);
    } finally {
      if (previous === undefined) delete process.env.CURSOR_SECRET;
      else process.env.CURSOR_SECRET = previous;
    }
  });
});

describe('the signing secret', () => {
  const saved = { secret: process.env.CURSOR_SECRET, fn: process.env.AWS_LAMBDA_FUNCTION_NAME };
  afterEach(() => {
    for (const [name, value] of [
      ['CURSOR_SECRET', saved.secret],
      ['AWS_LAMBDA_FUNCTION_NAME', saved.fn],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('fails closed inside Lambda when CURSOR_SECRET is missing: no cursor is signed or accepted', () => {
    const issued = encodeCursor(list, key);
    delete process.env.CURSOR_SECRET;
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'gallery-prod-listAlbumPhotos';
    expect(() => encodeCursor(list, key)).toThrow('CURSOR_SECRET is not set');
    expect(() => decodeCursor(list, issued)).toThrow('CURSOR_SECRET is not set');
    process.env.CURSOR_SECRET = '';
    expect(() => encodeCursor(list, key)).toThrow('CURSOR_SECRET is not set');
  });

  it('signs with the configured secret inside Lambda, and with the development one outside it', () => {
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'gallery-prod-listAlbumPhotos';
    process.env.CURSOR_SECRET = 'configured';
    const inLambda = encodeCursor(list, key);
    expect(decodeCursor(list, inLambda)).toEqual(key);
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    delete process.env.CURSOR_SECRET;
    const outside = encodeCursor(list, key);
    expect(outside).not.toBe(inLambda);
    expect(decodeCursor(list, outside)).toEqual(key);
  });
});

describe('resolvePage', () => {
  it('defaults to 20 items from the start', () => {
    expect(resolvePage(list)).toEqual({ limit: 20, startKey: undefined });
  });

  it.each([0, 101, 1.5, Number.NaN])('rejects limit %p', (limit) => {
    expect(() => resolvePage(list, { limit })).toThrow(ValidationError);
  });

  it('verifies the cursor up front and returns the key to start from', () => {
    const cursor = encodeCursor(list, key);
    expect(resolvePage(list, { limit: 5, cursor })).toEqual({ limit: 5, startKey: key });
  });
});
