import { applyResponseHeadersPolicy, type ResponseHeadersPolicyConfig } from './response-headers';

const policy: ResponseHeadersPolicyConfig = {
  SecurityHeadersConfig: {
    StrictTransportSecurity: {
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
      Preload: true,
      Override: true,
    },
    ContentTypeOptions: { Override: true },
    FrameOptions: { FrameOption: 'DENY', Override: true },
    ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: false },
    ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'none'", Override: true },
  },
  CorsConfig: {
    AccessControlAllowOrigins: { Items: ['*'] },
    AccessControlAllowMethods: { Items: ['GET', 'HEAD'] },
    AccessControlAllowHeaders: { Items: ['*'] },
    AccessControlAllowCredentials: false,
    AccessControlMaxAgeSec: 600,
    OriginOverride: true,
  },
  CustomHeadersConfig: { Items: [{ Header: 'X-Served-By', Value: 'edge', Override: false }] },
};

describe('applyResponseHeadersPolicy', () => {
  it('adds the security headers, replacing the origin ones where Override says so', () => {
    const headers = new Headers({
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'origin',
      'x-served-by': 'origin',
    });
    applyResponseHeadersPolicy(headers, policy, undefined);
    expect(Object.fromEntries(headers)).toEqual({
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'origin',
      'content-security-policy': "default-src 'none'",
      'x-served-by': 'origin',
    });
  });

  it('adds CORS headers only to a request with an Origin', () => {
    const headers = new Headers();
    applyResponseHeadersPolicy(headers, policy, 'https://app.example.com');
    expect(headers.get('access-control-allow-origin')).toBe('*');
    expect(headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    expect(headers.get('access-control-max-age')).toBe('600');
  });
});
