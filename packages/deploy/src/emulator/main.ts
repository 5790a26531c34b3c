// pnpm deploy:emulator: every service of serverless-compose.yml deployed with the real CLI
// (osls-compose, osls) to moto, an AWS API emulator, then checked through the AWS APIs, redeployed
// without changes, updated with a one-line change and removed. Prints progress per stack and a
// summary; exits 1 on any stack error, missing wire or mismatch. Needs no AWS account: the SDK is
// pointed at moto (AWS_ENDPOINT_URL) with dummy credentials.

import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configureAws } from '../aws';
import { checkDeployment, readDeployment } from '../checks/deployment';
import { tally } from '../checks/inventory';
import type { DeployedStack, Finding } from '../checks/model';
import { RESOURCE_CHECKS } from '../checks/resources';
import { readCompose } from '../compose';
import { BROKEN, proveBrokenWire } from './broken-wire';
import { CHANGE, applyChange } from './change';
import { runCompose } from './compose-cli';
import {
  type StackSnapshot,
  checkNoOp,
  checkRemoved,
  checkUntouched,
  checkUpdate,
  snapshot,
} from './lifecycle';
import { startMoto } from './moto';
import { ensurePythonTools } from './python';
import { type PhaseResult, phasesTable, resourcesTable } from './report';

// The SDK's warning about Node 20 (Lambda runs Node 22; this tool runs on both).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ROOT = path.resolve(__dirname, '../../../..');
// The stage names every stack and resource (gallery-emulator, gallery-api-emulator, ...).
const STAGE = 'emulator';
// The broken-wire proof deploys under its own stage: the first run's table and bucket are retained.
const PROOF_STAGE = 'wirecheck';
const REGION = 'us-east-1';
const LOG = path.join(ROOT, '.serverless', 'deploy-emulator.log');

const say = (line = '') => console.log(line);
const stackLine = (service: string, message: string) => say(`  ${service.padEnd(10)} ${message}`);

interface PhaseOutcome {
  ok: boolean;
  detail: string;
  findings?: Finding[];
}

function summarise(service: string, findings: Finding[]): void {
  const failed = findings.filter((finding) => !finding.ok);
  const viaApi = findings.filter((finding) => finding.via === 'api').length;
  stackLine(
    service,
    failed.length === 0
      ? `✔ ${findings.length} checks passed (${viaApi} through the AWS APIs, ${findings.length - viaApi} from the template)`
      : `× ${failed.length} of ${findings.length} checks failed`,
  );
  for (const finding of failed) stackLine(service, `  × ${finding.subject}: ${finding.message}`);
}

async function snapshots(stacks: ReadonlyMap<string, DeployedStack>): Promise<Map<string, StackSnapshot>> {
  const result = new Map<string, StackSnapshot>();
  for (const [service, stack] of stacks) result.set(service, await snapshot(stack));
  return result;
}

async function main(): Promise<number> {
  const started = Date.now();
  const compose = readCompose(ROOT);
  mkdirSync(path.dirname(LOG), { recursive: true });
  writeFileSync(LOG, `pnpm deploy:emulator, ${new Date().toISOString()}\n`);
  say(
    `Emulator deploy of ${compose.services.map((service) => service.name).join(' → ')} (stage ${STAGE}); full log: ${path.relative(ROOT, LOG)}`,
  );

  const { python } = ensurePythonTools(ROOT, say);
  const moto = await startMoto(python);
  say(`moto listening on ${moto.endpoint}`);
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  configureAws({ endpoint: moto.endpoint, region: REGION, ...credentials });
  const env: NodeJS.ProcessEnv = {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    // No profile, no ~/.aws settings: nothing can point the CLI at a real account.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    // moto fills no stack outputs after a change set (see README, Deploying).
    GALLERY_DEPLOYMENT_METHOD: 'direct',
    // The media distribution's trusted key group needs a public key, as on AWS (README, Media delivery).
    GALLERY_SIGNING_PUBLIC_KEY_A: generateKeyPairSync('rsa', { modulusLength: 2048 })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString(),
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const osls = (args: string[]) => runCompose(ROOT, ROOT, [...args, '--stage', STAGE], env, LOG, stackLine);
  // Compose keeps the outputs of a stage in .serverless/state.<stage>.json: start from none.
  const state = path.join(ROOT, '.serverless', `state.${STAGE}.json`);
  rmSync(state, { force: true });

  const phases: PhaseResult[] = [];
  const all: Finding[] = [];
  let deployed: ReadonlyMap<string, DeployedStack> = new Map();
  let deployFindings: Finding[] = [];
  const phase = async (name: string, body: () => Promise<PhaseOutcome>) => {
    say(`\n▸ ${name}`);
    const t0 = Date.now();
    // A phase that throws (an API call refused, a tool missing) fails; the next ones still run.
    const result = await body().catch((error: unknown): PhaseOutcome => {
      say(`  × ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, detail: `stopped: ${error instanceof Error ? error.message : String(error)}` };
    });
    all.push(...(result.findings ?? []));
    const ok = result.ok && (result.findings ?? []).every((finding) => finding.ok);
    phases.push({ name, seconds: (Date.now() - t0) / 1000, ok, detail: result.detail });
    return ok;
  };

  try {
    const deployedOk = await phase('deploy every service (osls-compose deploy)', async () => {
      const run = await osls(['deploy']);
      if (run.code !== 0)
        return { ok: false, detail: `osls-compose exited ${run.code}, see ${path.relative(ROOT, LOG)}` };
      deployed = await readDeployment(compose, ROOT, STAGE, REGION);
      say('  checking every stack through the AWS APIs');
      deployFindings = await checkDeployment(compose, ROOT, deployed, summarise);
      const wiring = deployFindings.filter((finding) => finding.type === '');
      summarise('wiring', wiring);
      return {
        ok: true,
        detail: `${deployed.size} stacks, ${deployFindings.length} checks`,
        findings: deployFindings,
      };
    });

    if (deployedOk) {
      await phase('redeploy without changes', async () => {
        const before = await snapshots(deployed);
        const run = await osls(['deploy']);
        const after = await snapshots(deployed);
        const findings = [...deployed.keys()].flatMap((service) =>
          checkNoOp(
            service,
            before.get(service) as StackSnapshot,
            after.get(service) as StackSnapshot,
            run.outcomes.get(service),
          ),
        );
        for (const service of deployed.keys())
          summarise(
            service,
            findings.filter((finding) => finding.service === service),
          );
        return { ok: run.code === 0, detail: `osls-compose exited ${run.code}`, findings };
      });

      await phase(`update: one line added to ${CHANGE.file}`, async () => {
        const before = await snapshots(deployed);
        const restore = applyChange(ROOT);
        let run;
        try {
          run = await osls(['deploy', `--service=${CHANGE.service}`]);
        } finally {
          restore();
        }
        const after = await snapshots(deployed);
        const findings: Finding[] = [];
        for (const service of deployed.keys()) {
          const [b, a] = [before.get(service) as StackSnapshot, after.get(service) as StackSnapshot];
          findings.push(
            ...(service === CHANGE.service
              ? checkUpdate(service, CHANGE.functionId, b, a, run.outcomes.get(service))
              : checkUntouched(service, b, a)),
          );
        }
        // The updated stack, read and checked again whole: new version, same wiring.
        const updated = await readDeployment(compose, ROOT, STAGE, REGION);
        findings.push(...(await checkDeployment(compose, ROOT, updated)));
        for (const service of deployed.keys())
          summarise(
            service,
            findings.filter((finding) => finding.service === service),
          );
        return { ok: run.code === 0, detail: `osls-compose exited ${run.code}`, findings };
      });
    }

    if (deployed.size > 0) {
      await phase('remove every service (osls-compose remove, reverse order)', async () => {
        const run = await osls(['remove']);
        const findings: Finding[] = [];
        for (const stack of deployed.values()) findings.push(...(await checkRemoved(stack)));
        for (const service of deployed.keys())
          summarise(
            service,
            findings.filter((finding) => finding.service === service),
          );
        return { ok: run.code === 0, detail: `osls-compose exited ${run.code}`, findings };
      });
    }

    await phase(
      `a broken wire fails the run (${BROKEN.consumer}.${BROKEN.param} rewired, own compose file, stage ${PROOF_STAGE})`,
      async () => {
        const findings = await proveBrokenWire({
          root: ROOT,
          compose,
          stage: PROOF_STAGE,
          region: REGION,
          run: (cwd, args) => runCompose(ROOT, cwd, args, env, LOG, stackLine),
          print: stackLine,
        });
        summarise('proof', findings);
        const caught = findings.every((finding) => finding.ok);
        return {
          ok: true,
          detail: caught ? 'missing and wrong output both caught' : 'NOT caught (above)',
          findings,
        };
      },
    );
  } finally {
    rmSync(state, { force: true });
    await moto.process.stop();
  }

  const failed = all.filter((finding) => !finding.ok);
  const ok = phases.every((p) => p.ok) && phases.length > 0;
  say('\nSummary');
  say(phasesTable(phases));
  if (deployed.size > 0) {
    say('');
    say(
      resourcesTable(
        tally([...deployed.values()], deployFindings, RESOURCE_CHECKS),
        deployFindings.filter((f) => f.type === ''),
      ),
    );
  }
  say(
    `\n${all.length} checks, ${failed.length} failed; ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
  say(ok ? 'deploy:emulator: passed' : 'deploy:emulator: FAILED');
  return ok ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
