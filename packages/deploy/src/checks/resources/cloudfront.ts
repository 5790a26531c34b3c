// CloudFront. moto's CloudFormation creates none of these types (moto has CloudFront APIs, but no
// CloudFormation models for them): every check reads the deployed template. scripts/check-templates
// asserts the same privacy rules on every packaged template; these confirm the template that went
// through `sls deploy` still states them.

import { type Json, asArray, isObject } from '../model';
import { Recorder } from '../recorder';
import type { ResourceCheck } from './types';

const MAX_FUNCTION_CODE_BYTES = 10 * 1024;

const behaviors = (config: Record<string, Json>) =>
  [config.DefaultCacheBehavior, ...asArray(config.CacheBehaviors)].filter(isObject);

export const cloudFrontDistribution: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const config = isObject(resource.Properties?.DistributionConfig)
      ? resource.Properties.DistributionConfig
      : {};
    record.that('template', 'enabled', config.Enabled === true);
    record.equal('template', 'HttpVersion', config.HttpVersion, 'http2and3');
    record.that('template', 'price class from the PriceClass parameter', isObject(config.PriceClass));
    for (const behavior of behaviors(config)) {
      const name = typeof behavior.PathPattern === 'string' ? behavior.PathPattern : 'default behavior';
      record.that(
        'template',
        `${name}: signed URLs only (TrustedKeyGroups)`,
        asArray(behavior.TrustedKeyGroups).length > 0,
      );
      record.that('template', `${name}: HTTPS only`, behavior.ViewerProtocolPolicy !== 'allow-all');
      record.that(
        'template',
        `${name}: viewer-request CloudFront Function`,
        asArray(behavior.FunctionAssociations).some((f) => isObject(f) && f.EventType === 'viewer-request'),
      );
      record.that(
        'template',
        `${name}: origin-response Lambda@Edge`,
        asArray(behavior.LambdaFunctionAssociations).some(
          (f) => isObject(f) && f.EventType === 'origin-response',
        ),
      );
    }
    for (const origin of asArray(config.Origins).filter(isObject)) {
      record.that(
        'template',
        `origin ${String(origin.Id)} through origin access control`,
        origin.OriginAccessControlId !== undefined,
      );
    }
    return record.findings;
  },
};

export const cloudFrontOriginAccessControl: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const config = isObject(resource.Properties?.OriginAccessControlConfig)
      ? resource.Properties.OriginAccessControlConfig
      : {};
    record.equal('template', 'origin type', config.OriginAccessControlOriginType, 's3');
    record.equal('template', 'signs every request', config.SigningBehavior, 'always');
    record.equal('template', 'signing protocol', config.SigningProtocol, 'sigv4');
    return record.findings;
  },
};

export const cloudFrontPublicKey: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const config = isObject(resource.Properties?.PublicKeyConfig) ? resource.Properties.PublicKeyConfig : {};
    // The key itself is a stack parameter: never a literal of the template.
    record.that(
      'template',
      'EncodedKey from a stack parameter',
      isObject(config.EncodedKey) && 'Ref' in config.EncodedKey,
    );
    return record.findings;
  },
};

export const cloudFrontKeyGroup: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const config = isObject(resource.Properties?.KeyGroupConfig) ? resource.Properties.KeyGroupConfig : {};
    const keys = Object.entries(stack.template.Resources)
      .filter(([, r]) => r.Type === 'AWS::CloudFront::PublicKey')
      .map(([key]) => key);
    const named = JSON.stringify(config.Items ?? null);
    record.that(
      'template',
      `holds the stack's public keys (${keys.join(', ')})`,
      keys.length > 0 && keys.every((key) => named.includes(`"Ref":"${key}"`)),
    );
    return record.findings;
  },
};

export const cloudFrontCachePolicy: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const config = isObject(resource.Properties?.CachePolicyConfig)
      ? resource.Properties.CachePolicyConfig
      : {};
    const keyed = isObject(config.ParametersInCacheKeyAndForwardedToOrigin)
      ? config.ParametersInCacheKeyAndForwardedToOrigin
      : {};
    const behavior = (part: string, field: string) => {
      const value = keyed[part];
      return isObject(value) ? value[field] : undefined;
    };
    record.equal(
      'template',
      'query strings in the cache key',
      behavior('QueryStringsConfig', 'QueryStringBehavior'),
      'none',
    );
    record.equal('template', 'headers in the cache key', behavior('HeadersConfig', 'HeaderBehavior'), 'none');
    record.equal('template', 'cookies in the cache key', behavior('CookiesConfig', 'CookieBehavior'), 'none');
    return record.findings;
  },
};

export const cloudFrontResponseHeadersPolicy: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const config = isObject(resource.Properties?.ResponseHeadersPolicyConfig)
      ? resource.Properties.ResponseHeadersPolicyConfig
      : {};
    const security = isObject(config.SecurityHeadersConfig) ? config.SecurityHeadersConfig : {};
    for (const header of [
      'StrictTransportSecurity',
      'ContentTypeOptions',
      'FrameOptions',
      'ReferrerPolicy',
      'ContentSecurityPolicy',
    ]) {
      record.that('template', `security header ${header}`, isObject(security[header]));
    }
    return record.findings;
  },
};

export const cloudFrontFunction: ResourceCheck = {
  emulated: false,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const runtime = isObject(props.FunctionConfig) ? props.FunctionConfig.Runtime : undefined;
    record.equal('template', 'runtime', runtime, 'cloudfront-js-2.0');
    record.that('template', 'published with the stack', props.AutoPublish === true);
    const code = typeof props.FunctionCode === 'string' ? props.FunctionCode : '';
    const bytes = Buffer.byteLength(code, 'utf8');
    record.that(
      'template',
      `code of ${bytes} bytes, within CloudFront's ${MAX_FUNCTION_CODE_BYTES}`,
      bytes > 0 && bytes <= MAX_FUNCTION_CODE_BYTES,
    );
    return record.findings;
  },
};
