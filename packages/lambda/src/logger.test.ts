import { levelFromEnv, logger } from './logger';
import { isSecretField, redact, redactText, REDACTED } from './redact';
import { captureStdout } from './testing/capture';

describe('levelFromEnv', () => {
  it('takes POWERTOOLS_LOG_LEVEL, else LOG_LEVEL, in any case', () => {
    expect(levelFromEnv({ LOG_LEVEL: 'silent' })).toBe('SILENT');
    expect(levelFromEnv({ LOG_LEVEL: 'debug', POWERTOOLS_LOG_LEVEL: 'Warn' })).toBe('WARN');
    expect(levelFromEnv({ POWERTOOLS_LOG_LEVEL: '', LOG_LEVEL: 'error' })).toBe('ERROR');
  });

  it('leaves an unknown or missing level to the logger (INFO)', () => {
    expect(levelFromEnv({ LOG_LEVEL: 'loud' })).toBeUndefined();
    expect(levelFromEnv({})).toBeUndefined();
  });

  it('is what the test runs set: silent (jest.config.ts)', () => {
    expect(logger.getLevelName()).toBe('SILENT');
  });
});

describe('redaction', () => {
  const jwt =
    'eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJ1LTEiLCJ0b2tlbl91c2UiOiJpZCJ9.c2lnbmF0dXJlLWJ5dGVz';

  it.each([
    'password',
    'newPassword',
    'idToken',
    'refresh_token',
    'Authorization',
    'X-Amz-Signature',
    'email',
    'cognito:email',
  ])('drops the whole value of a field named %s', (key) => {
    expect(isSecretField(key)).toBe(true);
    expect(redact(key, 'anything')).toBe(REDACTED);
    expect(redact(key, { nested: 'value' })).toBe(REDACTED);
  });

  it.each(['userId', 'handle', 'status', 'photoId', 'message', 'cognito:username'])(
    'keeps a field named %s',
    (key) => {
      expect(isSecretField(key)).toBe(false);
      expect(redact(key, 'u-1')).toBe('u-1');
    },
  );

  it('drops a one-time code, and keeps an error code', () => {
    expect(redact('code', '123456')).toBe(REDACTED);
    expect(redact('Code', 'NoSuchBucket')).toBe('NoSuchBucket');
  });

  it('replaces JWTs, bearer credentials, email addresses and presigned signatures inside any text', () => {
    const text =
      `token ${jwt} for ada.lovelace+test@example.co.uk via Bearer abc.def-ghi, ` +
      'url https://b.s3.amazonaws.com/k?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=deadbeef&x=1';
    const out = redactText(text);
    expect(out).not.toContain(jwt);
    expect(out).not.toContain('ada.lovelace');
    expect(out).not.toContain('abc.def-ghi');
    expect(out).not.toContain('deadbeef');
    expect(out).not.toContain('AKIA');
    expect(out).toContain('X-Amz-Signature=[redacted]');
    expect(out).toContain('&x=1');
  });

  it('leaves ordinary text alone', () => {
    const text = 'upload ready: uploads/u-1/01J9Z3K6Q0R4T8V2X6Z0B4D8F2 in 12 ms';
    expect(redactText(text)).toBe(text);
  });
});

describe('logger output', () => {
  // Direct calls, no invocation: the level set here holds (the chain would renew it per invocation).
  afterEach(() => logger.setLogLevel('SILENT'));

  it('writes one JSON line per entry with level, message, service, timestamp and the extra fields', () => {
    const out = captureStdout();
    logger.setLogLevel('INFO');
    try {
      logger.info('first', { albumId: 'a1' });
      logger.debug('not written at INFO');
      logger.warn('second');
    } finally {
      out.restore();
    }
    const [first, second, ...rest] = out.logs();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ level: 'INFO', message: 'first', albumId: 'a1' });
    expect(first).toHaveProperty('service');
    expect(Date.parse(String(first?.timestamp))).not.toBeNaN();
    expect(second).toMatchObject({ level: 'WARN', message: 'second' });
    expect(out.lines().every((line) => !line.includes('\n'))).toBe(true);
  });

  it('never writes a secret, whether passed as a field, inside a message, an error or a nested object', () => {
    const out = captureStdout();
    logger.setLogLevel('DEBUG');
    const secrets = [
      'Correct-Horse-42',
      'ada@example.com',
      '123456',
      'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln',
    ];
    try {
      logger.info('signing in ada@example.com', {
        body: { email: 'ada@example.com', password: 'Correct-Horse-42', code: '123456' },
        headers: { authorization: `Bearer ${secrets[3]}` },
      });
      logger.error({
        message: 'failed',
        error: new Error(`User ada@example.com could not use ${secrets[3]}`, {
          cause: new Error('no account for ada@example.com'),
        }),
      });
    } finally {
      out.restore();
    }
    const written = out.lines().join('\n');
    expect(out.logs()).toHaveLength(2);
    for (const secret of secrets) expect(written).not.toContain(secret);
    // What is not secret survives: the error's name and the line's shape.
    expect(out.logs()[1]).toMatchObject({ level: 'ERROR', error: { name: 'Error' } });
  });
});
