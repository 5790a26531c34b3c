// A CloudFront response headers policy (the CloudFormation ResponseHeadersPolicyConfig shape),
// applied to a response as CloudFront applies it: security headers and CORS headers, each added,
// or replacing the origin's when its Override flag says so.

export interface ResponseHeadersPolicyConfig {
  SecurityHeadersConfig?: {
    StrictTransportSecurity?: {
      AccessControlMaxAgeSec: number;
      IncludeSubdomains?: boolean;
      Preload?: boolean;
      Override: boolean;
    };
    ContentTypeOptions?: { Override: boolean };
    FrameOptions?: { FrameOption: string; Override: boolean };
    ReferrerPolicy?: { ReferrerPolicy: string; Override: boolean };
    ContentSecurityPolicy?: { ContentSecurityPolicy: string; Override: boolean };
  };
  CorsConfig?: {
    AccessControlAllowOrigins: { Items: string[] };
    AccessControlAllowMethods: { Items: string[] };
    AccessControlAllowHeaders: { Items: string[] };
    AccessControlAllowCredentials: boolean;
    AccessControlMaxAgeSec?: number;
    OriginOverride: boolean;
  };
  CustomHeadersConfig?: { Items: Array<{ Header: string; Value: string; Override: boolean }> };
}

function put(headers: Headers, name: string, value: string, override: boolean): void {
  if (override || !headers.has(name)) headers.set(name, value);
}

/** Adds the policy's headers to `headers`; CORS headers only when the request carried an Origin. */
export function applyResponseHeadersPolicy(
  headers: Headers,
  policy: ResponseHeadersPolicyConfig,
  requestOrigin: string | undefined,
): void {
  const security = policy.SecurityHeadersConfig ?? {};
  if (security.StrictTransportSecurity) {
    const hsts = security.StrictTransportSecurity;
    const value = [
      `max-age=${hsts.AccessControlMaxAgeSec}`,
      ...(hsts.IncludeSubdomains ? ['includeSubDomains'] : []),
      ...(hsts.Preload ? ['preload'] : []),
    ].join('; ');
    put(headers, 'strict-transport-security', value, hsts.Override);
  }
  if (security.ContentTypeOptions)
    put(headers, 'x-content-type-options', 'nosniff', security.ContentTypeOptions.Override);
  if (security.FrameOptions)
    put(headers, 'x-frame-options', security.FrameOptions.FrameOption, security.FrameOptions.Override);
  if (security.ReferrerPolicy) {
    put(headers, 'referrer-policy', security.ReferrerPolicy.ReferrerPolicy, security.ReferrerPolicy.Override);
  }
  if (security.ContentSecurityPolicy) {
    const csp = security.ContentSecurityPolicy;
    put(headers, 'content-security-policy', csp.ContentSecurityPolicy, csp.Override);
  }
  for (const custom of policy.CustomHeadersConfig?.Items ?? []) {
    put(headers, custom.Header.toLowerCase(), custom.Value, custom.Override);
  }
  const cors = policy.CorsConfig;
  if (cors && requestOrigin !== undefined) {
    const origins = cors.AccessControlAllowOrigins.Items;
    const allowed = origins.includes('*') ? '*' : origins.includes(requestOrigin) ? requestOrigin : undefined;
    if (allowed !== undefined) {
      put(headers, 'access-control-allow-origin', allowed, cors.OriginOverride);
      put(
        headers,
        'access-control-allow-methods',
        cors.AccessControlAllowMethods.Items.join(', '),
        cors.OriginOverride,
      );
      put(
        headers,
        'access-control-allow-headers',
        cors.AccessControlAllowHeaders.Items.join(', '),
        cors.OriginOverride,
      );
      if (cors.AccessControlAllowCredentials)
        put(headers, 'access-control-allow-credentials', 'true', cors.OriginOverride);
      if (cors.AccessControlMaxAgeSec !== undefined) {
        put(headers, 'access-control-max-age', String(cors.AccessControlMaxAgeSec), cors.OriginOverride);
      }
    }
  }
}
