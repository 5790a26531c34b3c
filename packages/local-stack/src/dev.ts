/**
 * `pnpm dev`: the whole stack on one laptop. Starts the emulators, provisions
 * them, runs every service under serverless-offline on its own port, routes
 * s3rver's object-created events to the thumbnail function, prints what
 * listens where and writes the same to .local/stack.json. Ctrl-C stops all.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startLocalStack, type LocalStack } from './stack';
import { startMediaCdn } from './media-cdn';
import { startOffline } from './offline';
import { invokedOriginResponse } from '../../../services/edge/scripts/local-edge';
import { httpInvoker } from './streams/invoke';
import { startServiceStreams } from './streams/service';
import { NOT_RUN_LOCALLY, SERVICES, STAGE, devPorts, functionName, type ServiceName } from './dev-config';
import { DEV_WAIT_MS, startDevStepFunctions } from './stepfunctions/dev';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const STACK_FILE = path.join(ROOT, '.local', 'stack.json');
const STREAM_FAILURES_FILE = path.join(ROOT, '.local', 'stream-failures.jsonl');

const log = (line: string) => console.log(`[dev] ${line}`);
// The prefix of scripts/serverless/offline-reload.js's lines.
const RELOAD_PREFIX = 'offline-reload:';

// Lambda runs nodejs22.x; the SDK's notice about local Node 20 is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<void> {
  const started = Date.now();
  const stoppers: Array<() => Promise<void>> = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    // Services first (they hold connections to the emulators), then emulators.
    for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const ports = devPorts();
    const lambdaInvokeUrl = (service: ServiceName, fn: string): string =>
      `http://127.0.0.1:${ports.services[service].lambda}/2015-03-31/functions/${functionName(service, fn)}/invocations`;
    log('starting DynamoDB Local, s3rver and cognito-local…');
    const stack: LocalStack = await startLocalStack({
      ports: ports.emulators,
      s3EventTarget: lambdaInvokeUrl('media', 'thumbnail'),
      // The same prefix rule as the media service's S3 event in serverless.yml.
      s3EventPrefix: 'uploads/',
      // cognito-local calls the auth service's triggers on serverless-offline's Lambda port, so a
      // confirmed sign-up really creates the profile row.
      cognitoTriggers: {
        functions: {
          PreSignUp: functionName('auth', 'preSignUp'),
          PostConfirmation: functionName('auth', 'postConfirmation'),
        },
        lambdaEndpoint: `http://127.0.0.1:${ports.services.auth.lambda}`,
      },
      // cognito-local "sends" codes by logging them; show them where people look.
      onCognitoCode: ({ destination, code }) => log(`confirmation code for ${destination}: ${code}`),
      log,
    });
    stoppers.push(stack.stop);

    // The media distribution: photo URLs point at it; its Lambda@Edge runs under serverless-offline
    // with the edge service, invoked on a miss.
    const cdn = await startMediaCdn({
      s3Endpoint: stack.s3.endpoint,
      bucket: stack.bucketName,
      port: ports.mediaCdn,
      originResponse: invokedOriginResponse(
        `http://127.0.0.1:${ports.services.edge.lambda}`,
        functionName('edge', 'renderRendition'),
      ),
      log,
    });
    stoppers.push(cdn.stop);

    // The workflows' state machines, before the api starts: its StartExecution calls reach them.
    log('loading the workflows state machines (serverless print)…');
    const stepFunctions = await startDevStepFunctions({
      port: ports.stepFunctions,
      stage: STAGE,
      region: stack.region,
      lambdaEndpoint: `http://127.0.0.1:${ports.services.workflows.lambda}`,
      log: (line) => console.log(`[sfn] ${line}`),
    });
    stoppers.push(stepFunctions.stop);
    const env = { ...stack.env, ...cdn.env, ...stepFunctions.env };

    const urls: Partial<Record<ServiceName, string>> = {};
    // One at a time: each builds with esbuild, and two cores are enough for one build.
    for (const service of SERVICES) {
      log(`starting ${service} under serverless-offline…`);
      const offline = await startOffline({
        service,
        stage: STAGE,
        httpPort: ports.services[service].http,
        lambdaPort: ports.services[service].lambda,
        env,
        // What the code reloader did (rebuilt, reloaded, a build error) is for the person editing.
        onLine: (line) => {
          if (line.startsWith(RELOAD_PREFIX))
            log(`${service}: ${line.slice(RELOAD_PREFIX.length).replace(/^ /, '')}`);
        },
      });
      stoppers.push(offline.stop);
      urls[service] = offline.url;
    }

    // The table's stream → the activity service's functions, through serverless-offline's Lambda
    // endpoint, with the event source mappings of its serverless.yml.
    log('starting stream delivery to the activity service…');
    const streams = await startServiceStreams({
      serviceDir: path.join(ROOT, 'services', 'activity'),
      endpoint: stack.dynamodb.endpoint,
      tableName: stack.tableName,
      stage: STAGE,
      invoke: httpInvoker(`http://127.0.0.1:${ports.services.activity.lambda}`),
      onFailureFile: STREAM_FAILURES_FILE,
      log,
    });
    stoppers.push(streams.stop);

    const description = {
      stage: STAGE,
      region: stack.region,
      services: Object.fromEntries(
        SERVICES.map((service) => [
          service,
          { url: urls[service], lambdaEndpoint: `http://127.0.0.1:${ports.services[service].lambda}` },
        ]),
      ),
      stepFunctions: { endpoint: stepFunctions.url },
      dynamodb: {
        endpoint: stack.dynamodb.endpoint,
        tableName: stack.tableName,
        streamArn: streams.streamArn,
      },
      s3: { endpoint: stack.s3.endpoint, bucketName: stack.bucketName },
      mediaCdn: { url: cdn.url, keyPairId: cdn.key.keyPairId },
      cognito: stack.cognito,
      env,
    };
    await mkdir(path.dirname(STACK_FILE), { recursive: true });
    await writeFile(STACK_FILE, `${JSON.stringify(description, null, 2)}\n`);

    const rows: Array<[string, string, string]> = [
      ...SERVICES.map((service): [string, string, string] =>
        service === 'edge'
          ? [
              'edge service',
              '(Lambda@Edge only)',
              `invoked by the media CDN on :${ports.services.edge.lambda}`,
            ]
          : [
              `${service} service`,
              urls[service] ?? '',
              `Lambda invoke on :${ports.services[service].lambda}`,
            ],
      ),
      ['Step Functions', stepFunctions.url, `erasure, export (waits shortened to ${DEV_WAIT_MS / 1000} s)`],
      ['DynamoDB Local', stack.dynamodb.endpoint, `table ${stack.tableName}`],
      [
        'table stream',
        streams.streamArn,
        `→ activity (discarded batches: ${path.relative(process.cwd(), STREAM_FAILURES_FILE)})`,
      ],
      ['s3rver', stack.s3.endpoint, `bucket ${stack.bucketName}`],
      ['media CDN (local edge)', cdn.url, `signed URLs, key ${cdn.key.keyPairId}`],
      [
        'cognito-local',
        stack.cognito.endpoint,
        `pool ${stack.cognito.userPoolId}, client ${stack.cognito.clientId}`,
      ],
    ];
    const width = (i: 0 | 1) => Math.max(...rows.map((row) => row[i].length));
    console.log('\nGallery is running locally:\n');
    for (const [name, url, note] of rows) {
      console.log(`  ${name.padEnd(width(0))}  ${url.padEnd(width(1))}  ${note}`);
    }
    console.log('\nNot run locally:');
    for (const [service, why] of Object.entries(NOT_RUN_LOCALLY)) {
      console.log(`  ${service} service: ${why}`);
    }
    console.log(`\nThe same as JSON: ${path.relative(process.cwd(), STACK_FILE)}`);
    console.log(`Try: curl ${urls.api}/v1/health`);
    console.log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops everything.\n`);
  } catch (err) {
    console.error(`[dev] failed to start: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown(1);
  }
}

void main();
