import { generateKeyPairSync } from 'node:crypto';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';
import { errorBody, splitSignedUrl, trustedKeys, verifySignedUrl, type Verification } from './signed-urls';

// Signed with AWS's own signer: the verification is checked against an implementation it did not write.
const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const current = pair();
const other = pair();
const PRIVATE = current.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
const KEYS = trustedKeys({ K2CURRENT: current.publicKey, K2RETIRING: pair().publicKey });
const NOW = 1_800_000_000;
const HOST = 'https://d111111abcdef8.cloudfront.net';
const OBJECT = `${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0F/thumb.webp`;

const verifyAt = (url: string, now = NOW, clientIp = '198.51.100.11'): Verification =>
  verifySignedUrl({ url, clientIp, now }, KEYS);
const customPolicy = (resource: string, condition: Record<string, unknown>) =>
  JSON.stringify({ Statement: [{ Resource: resource, Condition: condition }] });

describe('verifySignedUrl', () => {
  describe('canned policy', () => {
    const url = getSignedUrl({
      url: OBJECT,
      keyPairId: 'K2CURRENT',
      privateKey: PRIVATE,
      dateLessThan: new Date((NOW + 60) * 1000),
    });

    it('accepts the URL as signed until it expires', () => {
      expect(url).toMatch(/\?Expires=\d+&Key-Pair-Id=K2CURRENT&Signature=/);
      expect(verifyAt(url)).toEqual({ ok: true, keyPairId: 'K2CURRENT', expiresAt: NOW + 60 });
      expect(verifyAt(url, NOW + 59).ok).toBe(true);
    });

    it('refuses it from the second it expires', () => {
      expect(verifyAt(url, NOW + 60)).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        why: expect.stringMatching(/expired/),
      });
    });

    it.each([
      ['another object', url.replace('thumb.webp', 'medium.webp')],
      ['another host', url.replace('d111111abcdef8', 'd222222abcdef8')],
      ['an added query parameter', url.replace('?', '?w=1600&')],
      ['a later Expires', url.replace(/Expires=\d+/, `Expires=${NOW + 86_400}`)],
      [
        'a changed signature',
        url.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`),
      ],
    ])('refuses %s', (_what, tampered) => {
      expect(verifyAt(tampered)).toMatchObject({ ok: false, code: 'AccessDenied' });
    });

    it('covers the query parameters that were signed', () => {
      const signed = getSignedUrl({
        url: `${OBJECT}?w=640`,
        keyPairId: 'K2CURRENT',
        privateKey: PRIVATE,
        dateLessThan: new Date((NOW + 60) * 1000),
      });
      expect(verifyAt(signed).ok).toBe(true);
      expect(verifyAt(signed.replace('w=640', 'w=1600')).ok).toBe(false);
    });
  });

  describe('custom policy', () => {
    const photoWide = `${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0F/*`;
    const sign = (policy: string, url = OBJECT, algorithm: 'SHA1' | 'SHA256' = 'SHA1') =>
      getSignedUrl({ url, keyPairId: 'K2CURRENT', privateKey: PRIVATE, policy, algorithm });

    it('accepts any URL the wildcard Resource covers, with parameters before or after the signature', () => {
      const policy = customPolicy(photoWide, { DateLessThan: { 'AWS:EpochTime': NOW + 60 } });
      const signed = sign(policy, `${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0F/image`);
      const query = signed.slice(signed.indexOf('?') + 1);
      expect(verifyAt(signed).ok).toBe(true);
      expect(verifyAt(`${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0F/image?w=640&${query}`).ok).toBe(
        true,
      );
      expect(
        verifyAt(`${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0F/medium.webp?${query}&w=640`).ok,
      ).toBe(true);
    });

    it("refuses what the Resource does not cover: another photo's renditions", () => {
      const policy = customPolicy(photoWide, { DateLessThan: { 'AWS:EpochTime': NOW + 60 } });
      const query = sign(policy).split('?')[1];
      const otherPhoto = `${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0G/thumb.webp?${query}`;
      expect(verifyAt(otherPhoto)).toMatchObject({
        ok: false,
        code: 'AccessDenied',
        why: expect.stringMatching(/not covered/),
      });
    });

    it('matches `?` to exactly one character', () => {
      const policy = customPolicy(`${HOST}/thumbnails/owner-1/01HV5QX3K9ZT6M2A8B4C7D1E0F/thumb.web?`, {
        DateLessThan: { 'AWS:EpochTime': NOW + 60 },
      });
      const query = sign(policy).split('?')[1];
      expect(verifyAt(`${OBJECT}?${query}`).ok).toBe(true);
      expect(verifyAt(`${OBJECT.replace('.webp', '.webpp')}?${query}`).ok).toBe(false);
      expect(verifyAt(`${OBJECT.replace('.webp', '.web')}?${query}`).ok).toBe(false);
    });

    it('honours DateGreaterThan and IpAddress', () => {
      const policy = customPolicy(photoWide, {
        DateLessThan: { 'AWS:EpochTime': NOW + 60 },
        DateGreaterThan: { 'AWS:EpochTime': NOW - 10 },
        IpAddress: { 'AWS:SourceIp': '198.51.100.0/24' },
      });
      const signed = sign(policy);
      expect(verifyAt(signed).ok).toBe(true);
      expect(verifyAt(signed, NOW - 11)).toMatchObject({
        ok: false,
        why: expect.stringMatching(/not valid before/),
      });
      expect(verifyAt(signed, NOW, '203.0.113.7')).toMatchObject({
        ok: false,
        why: expect.stringMatching(/not in/),
      });
    });

    it('verifies SHA-256 signatures (Hash-Algorithm=SHA256)', () => {
      const signed = sign(
        customPolicy(photoWide, { DateLessThan: { 'AWS:EpochTime': NOW + 60 } }),
        OBJECT,
        'SHA256',
      );
      expect(signed).toMatch(/Hash-Algorithm=SHA256/);
      expect(verifyAt(signed).ok).toBe(true);
      expect(verifyAt(signed.replace('Hash-Algorithm=SHA256', 'Hash-Algorithm=SHA1')).ok).toBe(false);
    });

    it('refuses a policy changed after signing', () => {
      const signed = sign(customPolicy(photoWide, { DateLessThan: { 'AWS:EpochTime': NOW + 60 } }));
      const longer = Buffer.from(customPolicy(photoWide, { DateLessThan: { 'AWS:EpochTime': NOW + 86_400 } }))
        .toString('base64')
        .replace(/\+/g, '-')
        .replace(/=/g, '_')
        .replace(/\//g, '~');
      expect(verifyAt(signed.replace(/Policy=[^&]+/, `Policy=${longer}`))).toMatchObject({
        ok: false,
        code: 'AccessDenied',
      });
    });
  });

  describe('keys and malformed requests', () => {
    const expiry = new Date((NOW + 60) * 1000);

    it('answers MissingKey to a stranger with a plain URL', () => {
      expect(verifyAt(OBJECT)).toMatchObject({ ok: false, code: 'MissingKey' });
    });

    it('answers InvalidKey for a key outside the trusted key groups', () => {
      const signed = getSignedUrl({
        url: OBJECT,
        keyPairId: 'K2UNKNOWN',
        privateKey: PRIVATE,
        dateLessThan: expiry,
      });
      expect(verifyAt(signed)).toMatchObject({ ok: false, code: 'InvalidKey' });
    });

    it('refuses a signature by another private key under a trusted key id', () => {
      const forged = getSignedUrl({
        url: OBJECT,
        keyPairId: 'K2CURRENT',
        privateKey: other.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
        dateLessThan: expiry,
      });
      expect(verifyAt(forged)).toMatchObject({ ok: false, code: 'AccessDenied' });
    });

    it('accepts any key of the group: the one being rotated in, or out', () => {
      const keys = trustedKeys({ K2OLD: other.publicKey, K2CURRENT: current.publicKey });
      const signed = getSignedUrl({
        url: OBJECT,
        keyPairId: 'K2CURRENT',
        privateKey: PRIVATE,
        dateLessThan: expiry,
      });
      expect(verifySignedUrl({ url: signed, clientIp: '198.51.100.11', now: NOW }, keys).ok).toBe(true);
    });

    it.each([
      ['no Signature', `${OBJECT}?Expires=${NOW + 60}&Key-Pair-Id=K2CURRENT`],
      ['a non-numeric Expires', `${OBJECT}?Expires=soon&Signature=abc&Key-Pair-Id=K2CURRENT`],
      ['a Policy that is not base64', `${OBJECT}?Policy=%7B%7D&Signature=abc&Key-Pair-Id=K2CURRENT`],
      ['a Policy that is not JSON', `${OBJECT}?Policy=bm90IGpzb24_&Signature=abc&Key-Pair-Id=K2CURRENT`],
      ['both Expires and Policy', `${OBJECT}?Expires=1&Policy=e30_&Signature=abc&Key-Pair-Id=K2CURRENT`],
      ['Signature twice', `${OBJECT}?Expires=1&Signature=abc&Signature=def&Key-Pair-Id=K2CURRENT`],
      [
        'an unknown Hash-Algorithm',
        `${OBJECT}?Expires=1&Signature=abc&Key-Pair-Id=K2CURRENT&Hash-Algorithm=MD5`,
      ],
    ])('answers MalformedPolicy to %s', (_what, url) => {
      expect(verifyAt(url)).toMatchObject({ ok: false, code: 'MalformedPolicy' });
    });

    it("writes CloudFront's XML error body", () => {
      expect(errorBody('AccessDenied')).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access denied</Message></Error>',
      );
    });
  });

  it('keeps the own parameters, in order, in the part a policy covers', () => {
    expect(splitSignedUrl(`${OBJECT}?b=2&Expires=1&a=1&Signature=x&Key-Pair-Id=K`)).toEqual({
      base: `${OBJECT}?b=2&a=1`,
      params: new Map([
        ['Expires', ['1']],
        ['Signature', ['x']],
        ['Key-Pair-Id', ['K']],
      ]),
    });
  });
});
