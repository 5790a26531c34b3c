// Asserts security and durability properties of every packaged CloudFormation template (run after
// `pnpm package`): least-privilege IAM, the table exactly as table.json defines it, a private and
// encrypted bucket, stateful resources retained. Prints every violation; exits 1 if there is one.
//
//   pnpm package && pnpm check:templates

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { readCompose } from '@gallery/deploy/compose';
import type { RouteShape } from '@gallery/testing/http-routes';
import { routes as apiRoutes } from '../services/api/src/routes';
import { routes as authRoutes } from '../services/auth/src/routes';
import {
  checkAlarms,
  checkEncryptionAndRetention,
  checkHttpStages,
  type StageExpectations,
} from './template-alarms';
import { checkHttpRoutes } from './template-routes';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Resource {
  Type: string;
  Properties?: Record<string, Json>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
}
export interface Template {
  Resources: Record<string, Resource>;
  Outputs?: Record<string, Json>;
}
export interface TableDefinition {
  KeySchema: Json;
  AttributeDefinitions: Json;
  GlobalSecondaryIndexes: Json;
  TimeToLiveAttribute: string;
  StreamViewType: string;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every IAM policy document anywhere in a resource's properties. */
function policyDocuments(value: unknown, found: Record<string, Json>[] = []): Record<string, Json>[] {
  if (Array.isArray(value)) value.forEach((item) => policyDocuments(item, found));
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if ((key === 'PolicyDocument' || key === 'AssumeRolePolicyDocument') && isObject(child))
        found.push(child);
      else policyDocuments(child, found);
    }
  }
  return found;
}

function checkIam(template: Template): string[] {
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    for (const document of policyDocuments(resource.Properties)) {
      for (const statement of asArray(document.Statement as Json)) {
        if (!isObject(statement)) continue;
        // A Deny with a wildcard narrows access (osls's TLS-only deployment bucket policy does it).
        if (statement.Effect !== 'Allow') continue;
        if ('NotAction' in statement) problems.push(`${id}: Allow statement uses NotAction`);
        for (const action of asArray(statement.Action as Json)) {
          if (typeof action !== 'string' || action.includes('*')) {
            problems.push(`${id}: Allow statement grants wildcard action ${JSON.stringify(action)}`);
          }
        }
      }
    }
  }
  return problems;
}

/** A resource expression as text: Fn::Sub/Fn::Join spelled out, Ref and GetAtt as `${...}`. */
function renderResource(value: Json): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    if ('Fn::Sub' in value) {
      const sub = value['Fn::Sub'];
      return typeof sub === 'string' ? sub : Array.isArray(sub) ? renderResource(sub[0] ?? '') : '?';
    }
    if ('Fn::Join' in value && Array.isArray(value['Fn::Join'])) {
      const [separator, parts] = value['Fn::Join'] as [string, Json[]];
      return (Array.isArray(parts) ? parts : []).map(renderResource).join(String(separator));
    }
    if ('Ref' in value) return `\${${String(value.Ref)}}`;
    if ('Fn::GetAtt' in value) {
      const att = value['Fn::GetAtt'];
      return `\${${Array.isArray(att) ? att.join('.') : String(att)}}`;
    }
  }
  return JSON.stringify(value);
}

// Pseudo-parameters (`${AWS::Region}`) contain colons: match them as whole tokens.
const PARTITION = String.raw`(\$\{AWS::Partition\}|aws[a-z-]*)`;
const REGION = String.raw`(\$\{AWS::Region\}|[a-z0-9-]+)`;
const ACCOUNT = String.raw`(\$\{AWS::AccountId\}|\d{12})`;
const TABLE_ARN = new RegExp(
  String.raw`^arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/[^/*]+(/index/[^/*]+)?$`,
);
// A table's stream: read only by stream consumers (their event source mappings use the function's role).
const STREAM_ARN = new RegExp(
  String.raw`^arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/[^/*]+/stream/[^/*]+$`,
);
const STREAM_ACTIONS = new Set([
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
]);
const S3_OBJECT_ARN = new RegExp(String.raw`^arn:${PARTITION}:s3:::[^/*]+/([^/*]+/)+\*$`);
const S3_BUCKET_ARN = new RegExp(String.raw`^arn:${PARTITION}:s3:::[^/*]+$`);
const S3_BUCKET_ACTIONS = new Set(['s3:ListBucket']);

/**
 * The actions active tracing needs (Lambda's: the two writes; a state machine's: the writes and the
 * sampling reads); X-Ray accepts no resource but `*` for them.
 */
const XRAY_WRITE_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
]);

/**
 * Every Allow statement of a role names specific resources: no `*` (but for X-Ray's write actions,
 * which have no resource-level permissions), DynamoDB actions only on the
 * table or one of its indexes by name, S3 object actions only under a key prefix, bucket actions
 * only on the bucket. (Log-stream ARNs end in `:*` under one named log group: checked per role
 * below.)
 */
function checkIamResources(template: Template): string[] {
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Role' && resource.Type !== 'AWS::IAM::Policy') continue;
    const documents = policyDocuments(resource.Properties).filter(
      (document) => document !== resource.Properties?.AssumeRolePolicyDocument,
    );
    for (const document of documents) {
      for (const statement of asArray(document.Statement as Json)) {
        if (!isObject(statement) || statement.Effect !== 'Allow') continue;
        if ('NotResource' in statement) problems.push(`${id}: Allow statement uses NotResource`);
        const resources = asArray(statement.Resource as Json).map(renderResource);
        if (resources.length === 0) problems.push(`${id}: Allow statement without Resource`);
        const actions = asArray(statement.Action as Json).map(String);
        // X-Ray has no resource-level permissions: its write actions (active tracing) name `*`.
        const xrayOnly = actions.length > 0 && actions.every((action) => XRAY_WRITE_ACTIONS.has(action));
        for (const arn of resources) {
          if (arn === '*' && xrayOnly) continue;
          if (arn === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:\*$/.test(arn)) {
            problems.push(`${id}: Allow ${actions.join(',')} on every resource (${arn})`);
            continue;
          }
          for (const action of actions) {
            if (STREAM_ACTIONS.has(action)) {
              if (!STREAM_ARN.test(arn)) problems.push(`${id}: ${action} on ${arn}, not the table's stream`);
            } else if (action.startsWith('dynamodb:') && !TABLE_ARN.test(arn)) {
              problems.push(`${id}: ${action} on ${arn}, not the table or a named index`);
            } else if (action.startsWith('s3:')) {
              const pattern = S3_BUCKET_ACTIONS.has(action) ? S3_BUCKET_ARN : S3_OBJECT_ARN;
              if (!pattern.test(arn)) problems.push(`${id}: ${action} on ${arn}, not a bucket key prefix`);
            } else if (action.startsWith('logs:') && !/:log-group:[^*:]+:/.test(arn)) {
              problems.push(`${id}: ${action} on ${arn}, not one named log group`);
            }
          }
        }
      }
    }
  }
  return problems;
}

/**
 * Each function has a role of its own, which writes only to that function's own log group (and, for
 * a Lambda@Edge function, to the `us-east-1.`-prefixed groups its replicas log to in each region).
 */
function checkFunctionRoles(template: Template): string[] {
  const problems: string[] = [];
  const roleOwners = new Map<string, string>();
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const props = resource.Properties ?? {};
    if (props.Runtime !== 'nodejs22.x')
      problems.push(`${id}: runtime is ${String(props.Runtime)}, not nodejs22.x`);
    const role = props.Role;
    const roleId =
      isObject(role) && Array.isArray(role['Fn::GetAtt']) ? String(role['Fn::GetAtt'][0]) : undefined;
    if (!roleId || template.Resources[roleId]?.Type !== 'AWS::IAM::Role') {
      problems.push(`${id}: role is not an AWS::IAM::Role of this stack`);
      continue;
    }
    const owner = roleOwners.get(roleId);
    if (owner) problems.push(`${id}: shares role ${roleId} with ${owner}`);
    roleOwners.set(roleId, id);
    const functionName = String(props.FunctionName);
    const policies = JSON.stringify(template.Resources[roleId]?.Properties?.Policies ?? []);
    const logGroups = [...policies.matchAll(/log-group:([^:"]+)/g)].map((match) => match[1]);
    const trust = JSON.stringify(template.Resources[roleId]?.Properties?.AssumeRolePolicyDocument ?? {});
    const own = [`/aws/lambda/${functionName}`];
    if (trust.includes('edgelambda.amazonaws.com')) own.push(`/aws/lambda/us-east-1.${functionName}`);
    if (logGroups.length === 0 || logGroups.some((group) => !own.includes(group ?? ''))) {
      problems.push(
        `${id}: role ${roleId} may write to log groups ${JSON.stringify(logGroups)}, not only its own`,
      );
    }
  }
  return problems;
}

/**
 * Every DynamoDB stream event source mapping is bounded and loses nothing silently: partial batch
 * responses, bisect on error, a finite retry count and record age, filters (a consumer sees only
 * the records it needs), and an on-failure destination that is an encrypted queue of this stack.
 */
function checkStreamMappings(template: Template): string[] {
  const problems: string[] = [];
  for (const [id, resource] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
    const props = resource.Properties ?? {};
    if (!renderResource(props.EventSourceArn ?? null).includes(':dynamodb:')) continue;
    if (!isDeepStrictEqual(props.FunctionResponseTypes, ['ReportBatchItemFailures']))
      problems.push(`${id}: no ReportBatchItemFailures`);
    if (props.BisectBatchOnFunctionError !== true) problems.push(`${id}: BisectBatchOnFunctionError is off`);
    const retries = props.MaximumRetryAttempts;
    if (typeof retries !== 'number' || retries < 0) problems.push(`${id}: MaximumRetryAttempts is unbounded`);
    const age = props.MaximumRecordAgeInSeconds;
    if (typeof age !== 'number' || age < 0) problems.push(`${id}: MaximumRecordAgeInSeconds is unbounded`);
    const filters = isObject(props.FilterCriteria) ? asArray(props.FilterCriteria.Filters as Json) : [];
    if (filters.length === 0) problems.push(`${id}: no FilterCriteria`);
    const destination = isObject(props.DestinationConfig) ? props.DestinationConfig.OnFailure : undefined;
    const target = isObject(destination) ? destination.Destination : undefined;
    const queueId =
      isObject(target) && Array.isArray(target['Fn::GetAtt']) ? String(target['Fn::GetAtt'][0]) : undefined;
    const queue = queueId ? template.Resources[queueId] : undefined;
    if (!queue || queue.Type !== 'AWS::SQS::Queue') {
      problems.push(`${id}: on-failure destination is not an SQS queue of this stack`);
    } else if (queue.Properties?.SqsManagedSseEnabled !== true && !queue.Properties?.KmsMasterKeyId) {
      problems.push(`${id}: on-failure queue ${queueId} is not encrypted`);
    }
  }
  return problems;
}

function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function checkRetained(id: string, resource: Resource): string[] {
  return resource.DeletionPolicy === 'Retain' && resource.UpdateReplacePolicy === 'Retain'
    ? []
    : [`${id}: DeletionPolicy and UpdateReplacePolicy must both be Retain`];
}

/** The data stack's two tables: the single table (`Table`) and the idempotency store. */
const IDEMPOTENCY_TABLE_ID = 'IdempotencyTable';

/** What both tables must match of their definition: keys, TTL, on-demand billing, encryption. */
function tableProblems(
  id: string,
  props: Record<string, Json>,
  definition: Pick<TableDefinition, 'KeySchema' | 'AttributeDefinitions' | 'TimeToLiveAttribute'>,
  more: Record<string, [actual: unknown, expected: unknown]> = {},
): string[] {
  const checks: Record<string, [actual: unknown, expected: unknown]> = {
    KeySchema: [props.KeySchema, definition.KeySchema],
    AttributeDefinitions: [props.AttributeDefinitions, definition.AttributeDefinitions],
    TimeToLiveSpecification: [
      props.TimeToLiveSpecification,
      { AttributeName: definition.TimeToLiveAttribute, Enabled: true },
    ],
    BillingMode: [props.BillingMode, 'PAY_PER_REQUEST'],
    'SSESpecification.SSEEnabled': [
      isObject(props.SSESpecification) && props.SSESpecification.SSEEnabled,
      true,
    ],
    ...more,
  };
  return Object.entries(checks)
    .filter(([, [actual, expected]]) => !isDeepStrictEqual(actual, expected))
    .map(
      ([what, [actual, expected]]) =>
        `${id}: ${what} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
    );
}

function checkTable(template: Template, table: TableDefinition): string[] {
  const tables = resourcesOfType(template, 'AWS::DynamoDB::Table');
  const ids = tables.map(([id]) => id).sort();
  if (ids.join() !== ['IdempotencyTable', 'Table'].join()) {
    return [
      `expected the DynamoDB tables Table and ${IDEMPOTENCY_TABLE_ID}, found ${ids.join(', ') || 'none'}`,
    ];
  }
  const [id, resource] = tables.find(([tableId]) => tableId === 'Table') as [string, Resource];
  const props = resource.Properties ?? {};
  return [
    ...checkRetained(id, resource),
    ...tableProblems(id, props, table, {
      GlobalSecondaryIndexes: [props.GlobalSecondaryIndexes, table.GlobalSecondaryIndexes],
      StreamSpecification: [props.StreamSpecification, { StreamViewType: table.StreamViewType }],
      PointInTimeRecoverySpecification: [
        props.PointInTimeRecoverySpecification,
        { PointInTimeRecoveryEnabled: true },
      ],
    }),
    // Keys and TTL as @gallery/lambda/idempotency reads them (idempotency-table.json).
    ...tableProblems(
      IDEMPOTENCY_TABLE_ID,
      template.Resources[IDEMPOTENCY_TABLE_ID]?.Properties ?? {},
      JSON.parse(
        readFileSync(path.resolve(__dirname, '../packages/core/src/table/idempotency-table.json'), 'utf8'),
      ) as TableDefinition,
    ),
  ];
}

function checkMediaBucket(template: Template): string[] {
  // osls's own deployment bucket is not the media bucket.
  const buckets = resourcesOfType(template, 'AWS::S3::Bucket').filter(
    ([id]) => id !== 'ServerlessDeploymentBucket',
  );
  if (buckets.length !== 1) return [`expected exactly one media bucket, found ${buckets.length}`];
  const [id, resource] = buckets[0] as [string, Resource];
  const props = resource.Properties ?? {};
  const problems = checkRetained(id, resource);
  const block = props.PublicAccessBlockConfiguration;
  for (const flag of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
    if (!isObject(block) || block[flag] !== true)
      problems.push(`${id}: PublicAccessBlockConfiguration.${flag} is not true`);
  }
  const encryption = JSON.stringify(props.BucketEncryption ?? null);
  if (!/"SSEAlgorithm":"(AES256|aws:kms|aws:kms:dsse)"/.test(encryption)) {
    problems.push(`${id}: no default server-side encryption`);
  }
  if (!JSON.stringify(props.OwnershipControls ?? null).includes('"BucketOwnerEnforced"')) {
    problems.push(`${id}: ACLs are not disabled (OwnershipControls BucketOwnerEnforced)`);
  }
  // The thumbnail function writes under thumbnails/: every trigger must be limited to uploads/.
  const notifications = isObject(props.NotificationConfiguration)
    ? asArray(props.NotificationConfiguration.LambdaConfigurations as Json)
    : [];
  if (notifications.length === 0) problems.push(`${id}: no Lambda notification for uploads`);
  for (const notification of notifications) {
    const rules = JSON.stringify(isObject(notification) ? (notification.Filter ?? null) : null);
    if (!rules.includes('{"Name":"prefix","Value":"uploads/"}')) {
      problems.push(`${id}: a Lambda notification is not limited to the uploads/ prefix: ${rules}`);
    }
  }
  return problems;
}

/**
 * The media distribution serves private photos: every behavior requires signed URLs and HTTPS, runs
 * the viewer-request CloudFront Function, reaches S3 only through an origin access control, and
 * keys its cache on no query string, header or cookie; the bucket policy it brings lets CloudFront
 * read renditions and nothing else.
 */
function checkDistribution(template: Template): string[] {
  const distributions = resourcesOfType(template, 'AWS::CloudFront::Distribution');
  if (distributions.length !== 1) return [`expected exactly one distribution, found ${distributions.length}`];
  const [id, resource] = distributions[0] as [string, Resource];
  const config = (resource.Properties?.DistributionConfig ?? {}) as Record<string, Json>;
  const problems: string[] = [];
  const behaviors = [config.DefaultCacheBehavior, ...asArray(config.CacheBehaviors as Json)].filter(isObject);
  if (behaviors.length === 0) problems.push(`${id}: no cache behavior`);
  for (const behavior of behaviors) {
    const name = typeof behavior.PathPattern === 'string' ? behavior.PathPattern : 'default';
    if (asArray(behavior.TrustedKeyGroups as Json).length === 0) {
      problems.push(`${id}: behavior ${name} serves without signed URLs (no TrustedKeyGroups)`);
    }
    if (behavior.ViewerProtocolPolicy === 'allow-all')
      problems.push(`${id}: behavior ${name} allows plain HTTP`);
    const functions = asArray(behavior.FunctionAssociations as Json).filter(isObject);
    if (!functions.some((f) => f.EventType === 'viewer-request')) {
      problems.push(`${id}: behavior ${name} runs no viewer-request CloudFront Function`);
    }
    const policyRef = isObject(behavior.CachePolicyId) ? String(behavior.CachePolicyId.Ref) : undefined;
    const cachePolicy = policyRef ? template.Resources[policyRef] : undefined;
    const keyed = JSON.stringify(cachePolicy?.Properties ?? {});
    if (!cachePolicy) problems.push(`${id}: behavior ${name} has no cache policy of this stack`);
    else if (!/"QueryStringBehavior":"none".*"HeaderBehavior":"none".*"CookieBehavior":"none"/.test(keyed)) {
      problems.push(
        `${policyRef}: the cache key takes more than the path (query strings, headers or cookies)`,
      );
    }
  }
  for (const origin of asArray(config.Origins as Json).filter(isObject)) {
    if (!('S3OriginConfig' in origin)) continue;
    if (!origin.OriginAccessControlId)
      problems.push(`${id}: S3 origin ${String(origin.Id)} has no origin access control`);
  }
  for (const [, fn] of resourcesOfType(template, 'AWS::CloudFront::Function')) {
    const runtime = isObject(fn.Properties?.FunctionConfig)
      ? fn.Properties.FunctionConfig.Runtime
      : undefined;
    if (runtime !== 'cloudfront-js-2.0')
      problems.push(`${id}: a CloudFront Function runs ${String(runtime)}`);
  }
  // osls's own deployment bucket has a (TLS-only) policy of its own.
  const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').filter(
    ([policyId]) => policyId !== 'ServerlessDeploymentBucketPolicy',
  );
  for (const [policyId, policy] of policies) {
    const statements = asArray((policy.Properties?.PolicyDocument as Record<string, Json>)?.Statement).filter(
      isObject,
    );
    for (const statement of statements.filter((st) => st.Effect === 'Allow')) {
      const actions = asArray(statement.Action as Json);
      const resources = asArray(statement.Resource as Json).map(renderResource);
      const scoped = JSON.stringify(statement.Condition ?? {}).includes('AWS:SourceArn');
      if (
        actions.length !== 1 ||
        actions[0] !== 's3:GetObject' ||
        !resources.every((r) => r.endsWith('/thumbnails/*'))
      ) {
        problems.push(
          `${policyId}: grants ${JSON.stringify(actions)} on ${JSON.stringify(resources)}, not only reading renditions`,
        );
      }
      if (!scoped)
        problems.push(`${policyId}: an Allow statement is not limited to the distribution (AWS:SourceArn)`);
    }
  }
  if (policies.length !== 1)
    problems.push(`expected the bucket policy admitting the distribution, found ${policies.length}`);
  return problems;
}

function checkUserPool(template: Template): string[] {
  const pools = resourcesOfType(template, 'AWS::Cognito::UserPool');
  if (pools.length !== 1) return [`expected exactly one user pool, found ${pools.length}`];
  const [id, resource] = pools[0] as [string, Resource];
  return checkRetained(id, resource);
}

/** The thumbnail renderer cannot take the account's concurrency: it reserves its own. */
function checkRenderer(template: Template): string[] {
  return resourcesOfType(template, 'AWS::Lambda::Function')
    .filter(([id]) => id === 'ThumbnailLambdaFunction')
    .flatMap(([id, fn]) =>
      Number(fn.Properties?.ReservedConcurrentExecutions) > 0 ? [] : [`${id}: no reserved concurrency`],
    );
}

/** Every violation in one service's template; empty when it passes. */
export function checkTemplate(service: string, template: Template, table: TableDefinition): string[] {
  const problems = [
    ...checkIam(template),
    ...checkIamResources(template),
    ...checkFunctionRoles(template),
    ...checkStreamMappings(template),
  ];
  // The shared role osls creates when a function has no role of its own.
  if (template.Resources.IamRoleLambdaExecution) problems.push('IamRoleLambdaExecution: shared role present');
  if (service === 'data') problems.push(...checkTable(template, table));
  else if (resourcesOfType(template, 'AWS::DynamoDB::Table').length > 0) {
    problems.push('the table belongs to the data service only');
  }
  if (service === 'media') problems.push(...checkMediaBucket(template), ...checkRenderer(template));
  if (service === 'auth') problems.push(...checkUserPool(template));
  if (service === 'edge') problems.push(...checkDistribution(template));
  return problems;
}

/** The route contracts of the services that have an HTTP API. */
const ROUTE_CONTRACTS: Partial<Record<string, RouteShape[]>> = { api: apiRoutes, auth: authRoutes };

/** Routes with throttles of their own: uploads, and every auth route that calls Cognito. */
const STAGE_EXPECTATIONS: Partial<Record<string, StageExpectations>> = {
  api: { tighterRoutes: ['POST /v1/albums/{albumId}/photos'] },
  auth: {
    tighterRoutes: authRoutes
      .filter((route) => route.method === 'POST')
      .map((route) => `${route.method} ${route.path}`),
  },
};

function main(): void {
  const root = path.resolve(__dirname, '..');
  const table = JSON.parse(
    readFileSync(path.join(root, 'packages/core/src/table/table.json'), 'utf8'),
  ) as TableDefinition;
  let failures = 0;
  // Every service of serverless-compose.yml; the checks below that name a service add to the
  // common ones (IAM, roles) that every template passes.
  for (const { name: service, path: folder } of readCompose(root).services) {
    const file = path.join(root, folder, '.serverless', 'cloudformation-template-update-stack.json');
    if (!existsSync(file)) {
      console.error(`✗ ${service}: ${path.relative(root, file)} is missing; run 'pnpm package' first`);
      failures += 1;
      continue;
    }
    const template = JSON.parse(readFileSync(file, 'utf8')) as Template;
    const problems = [
      ...checkTemplate(service, template, table),
      ...checkAlarms(template),
      ...checkEncryptionAndRetention(template),
    ];
    const routes = ROUTE_CONTRACTS[service];
    if (routes) problems.push(...checkHttpRoutes(template, routes));
    const stage = STAGE_EXPECTATIONS[service];
    if (stage) problems.push(...checkHttpStages(template, stage));
    if (problems.length === 0) console.log(`✓ ${service}`);
    for (const problem of problems) console.error(`✗ ${service}: ${problem}`);
    failures += problems.length;
  }
  if (failures > 0) {
    console.error(`check-templates: ${failures} problem(s)`);
    process.exit(1);
  }
  console.log('check-templates: all templates pass');
}

if (require.main === module) main();
