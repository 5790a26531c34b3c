import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  SigningKeyError,
  buildGetSigningKey,
  parseSigningKey,
  readSigningKeySecret,
  signingKey,
  signingKeyCache,
  type SigningKey,
} from './signing-key';

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n';
const key = (id: string): SigningKey => ({ keyPairId: id, privateKey: PEM });

describe('parseSigningKey', () => {
  it('reads {keyPairId, privateKey}', () => {
    expect(parseSigningKey(JSON.stringify(key('K2ABC')), 'test')).toEqual(key('K2ABC'));
  });

  it.each([
    ['not JSON', 'nope'],
    ['no key id', JSON.stringify({ privateKey: PEM })],
    ['a key id that is no id', JSON.stringify({ keyPairId: 'K2 ABC', privateKey: PEM })],
    ['no PEM', JSON.stringify({ keyPairId: 'K2ABC', privateKey: 'secret' })],
    ['nothing', undefined],
  ])('refuses %s', (_what, text) => {
    expect(() => parseSigningKey(text, 'test')).toThrow(SigningKeyError);
  });
});

describe('buildGetSigningKey', () => {
  it('asks Secrets Manager for the named secret', () => {
    expect(buildGetSigningKey('gallery-prod/cdn-signing-key').input).toEqual({
      SecretId: 'gallery-prod/cdn-signing-key',
    });
  });
});

describe('signingKeyCache', () => {
  it('reads once per TTL, and once for concurrent callers', async () => {
    let reads = 0;
    const get = signingKeyCache(async () => key(`K${++reads}`), { ttlMs: 1000, retryMs: 100 });
    const [a, b] = await Promise.all([get(0), get(0)]);
    expect([a.keyPairId, b.keyPairId, reads]).toEqual(['K1', 'K1', 1]);
    expect((await get(999)).keyPairId).toBe('K1');
    expect((await get(1000)).keyPairId).toBe('K2');
  });

  it('keeps the previous key for a while when a read fails, then tries again', async () => {
    let fail = false;
    let reads = 0;
    const stale: unknown[] = [];
    const get = signingKeyCache(
      async () => {
        reads += 1;
        if (fail) throw new Error('Secrets Manager is unreachable');
        return key(`K${reads}`);
      },
      { ttlMs: 1000, retryMs: 100, onStale: (err) => stale.push(err) },
    );
    await get(0);
    fail = true;
    expect((await get(1000)).keyPairId).toBe('K1');
    expect((await get(1099)).keyPairId).toBe('K1');
    expect(reads).toBe(2);
    fail = false;
    expect((await get(1100)).keyPairId).toBe('K3');
    expect(stale).toHaveLength(1);
  });

  it('fails with SigningKeyError when no key was ever read', async () => {
    const get = signingKeyCache(() => Promise.reject(new Error('AccessDenied')), {
      ttlMs: 1000,
      retryMs: 100,
    });
    await expect(get(0)).rejects.toBeInstanceOf(SigningKeyError);
  });
});

describe('readSigningKeySecret', () => {
  it('sends GetSecretValue as the SDK does and reads the SecretString', async () => {
    // An endpoint answering with Secrets Manager's documented JSON protocol (no emulator runs here).
    const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            Name: 'gallery-test/cdn-signing-key',
            SecretString: JSON.stringify(key('K2FROMSM')),
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    try {
      await expect(readSigningKeySecret('gallery-test/cdn-signing-key', client)).resolves.toEqual(
        key('K2FROMSM'),
      );
      expect(seen[0]?.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
      expect(seen[0]?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/secretsmanager\//,
      );
      expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ SecretId: 'gallery-test/cdn-signing-key' });
    } finally {
      client.destroy();
      server.close();
    }
  });
});

describe('signingKey', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("takes the local stack's key before the secret's name serverless-offline also passes", async () => {
    process.env.CDN_SIGNING_KEY = JSON.stringify(key('K2LOCAL'));
    process.env.CDN_SIGNING_KEY_SECRET = 'gallery-dev/cdn-signing-key';
    await expect(signingKey()).resolves.toEqual(key('K2LOCAL'));
  });

  it('refuses to sign with no key configured', async () => {
    delete process.env.CDN_SIGNING_KEY;
    delete process.env.CDN_SIGNING_KEY_SECRET;
    await expect(signingKey()).rejects.toBeInstanceOf(SigningKeyError);
  });
});
