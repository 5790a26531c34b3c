// The proof that the run fails on a broken wire, run against the emulator with a compose file of
// its own (in a temporary folder, with the repository's services): one consumer wired to an output
// that does not exist, then to an existing but wrong output. The first must stop compose and be
// flagged by the wiring check; the second deploys, and the checks must flag what it broke.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { checkDeployment, readDeployment } from '../checks/deployment';
import type { Finding } from '../checks/model';
import { Recorder } from '../checks/recorder';
import { paramsRead } from '../checks/params';
import { SERVICE_EXPECTATIONS } from '../checks/services';
import { defaultedParamsOf } from '../checks/services/expectations';
import { checkWiring } from '../checks/wiring';
import { type Compose, type ComposeService, parseCompose } from '../compose';
import type { ComposeRun } from './compose-cli';

/** auth reads the table's ARN for its roles' DynamoDB statements. */
export const BROKEN = {
  consumer: 'auth',
  param: 'tableArn',
  producer: 'data',
  /** No such output: compose cannot resolve it. */
  missingOutput: 'TableArnn',
  /** A real output, but the wrong one: compose deploys it, the IAM check must refuse it. */
  wrongOutput: 'TableStreamArn',
};

/** The consumer and what it depends on, from the repository's compose, with one param rewired. */
function reducedCompose(compose: Compose, root: string, output: string): string {
  const byName = new Map(compose.services.map((service) => [service.name, service]));
  const needed = new Set<string>();
  const visit = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of byName.get(name)?.dependsOn ?? []) visit(dependency);
  };
  visit(BROKEN.consumer);
  const services = Object.fromEntries(
    compose.services
      .filter((service) => needed.has(service.name))
      .map((service: ComposeService) => {
        const params = { ...service.params };
        if (service.name === BROKEN.consumer) {
          if (!(BROKEN.param in params))
            throw new Error(`${BROKEN.consumer} no longer takes ${BROKEN.param} from compose`);
          params[BROKEN.param] = `\${${BROKEN.producer}.${output}}`;
        }
        return [
          service.name,
          { path: path.resolve(root, service.path), ...(Object.keys(params).length ? { params } : {}) },
        ];
      }),
  );
  return stringify({ services });
}

export async function proveBrokenWire(options: {
  root: string;
  compose: Compose;
  stage: string;
  region: string;
  run: (cwd: string, args: string[]) => Promise<ComposeRun>;
  print: (service: string, message: string) => void;
}): Promise<Finding[]> {
  const { root, compose, stage, region, run, print } = options;
  const record = new Recorder(BROKEN.consumer, `${BROKEN.consumer}.${BROKEN.param}`, 'broken wire');
  const folder = mkdtempSync(path.join(tmpdir(), 'gallery-broken-wire-'));
  const file = path.join(folder, 'serverless-compose.yml');
  const wireFindings = (reduced: Compose, outputs: Map<string, Record<string, string>>) =>
    checkWiring({
      wires: reduced.wires,
      services: reduced.services.map((service) => ({
        name: service.name,
        composeParams: Object.keys(service.params),
        paramsRead: paramsRead(service.path),
        defaultedParams: defaultedParamsOf(
          SERVICE_EXPECTATIONS[service.name]?.defaultedParams,
          paramsRead(service.path),
        ),
      })),
      stacks: new Map([...outputs].map(([name, values]) => [name, { outputs: values, templateText: '' }])),
    }).filter((finding) => !finding.ok && finding.subject.startsWith(`${BROKEN.consumer}.${BROKEN.param}`));
  try {
    // 1. An output that does not exist.
    let text = reducedCompose(compose, root, BROKEN.missingOutput);
    writeFileSync(file, text);
    let reduced = parseCompose(text);
    const missing = await run(folder, ['deploy', '--stage', stage]);
    record.that(
      'api',
      `\${${BROKEN.producer}.${BROKEN.missingOutput}} (no such output) stops osls-compose`,
      missing.code !== 0 && missing.output.includes('the referenced output does not exist'),
      `exit ${missing.code}`,
    );
    const produced = await readDeployment(
      { ...reduced, services: reduced.services.filter((s) => s.name === BROKEN.producer) },
      root,
      stage,
      region,
    );
    const caughtMissing = wireFindings(
      reduced,
      new Map([...produced].map(([name, stack]) => [name, stack.outputs])),
    );
    record.that('api', 'the wiring check flags it', caughtMissing.length > 0, 'nothing flagged');
    for (const finding of caughtMissing)
      print(BROKEN.consumer, `caught: ${finding.subject}: ${finding.message}`);

    // 2. A real output, the wrong one.
    text = reducedCompose(compose, root, BROKEN.wrongOutput);
    writeFileSync(file, text);
    reduced = parseCompose(text);
    const wrong = await run(folder, ['deploy', '--stage', stage]);
    record.that(
      'api',
      `\${${BROKEN.producer}.${BROKEN.wrongOutput}} deploys (compose cannot tell)`,
      wrong.code === 0,
      `exit ${wrong.code}`,
    );
    const stacks = await readDeployment(reduced, root, stage, region);
    const caughtWrong = (await checkDeployment(reduced, root, stacks)).filter(
      (finding) => !finding.ok && finding.service === BROKEN.consumer,
    );
    record.that('api', 'the checks flag what it broke', caughtWrong.length > 0, 'nothing flagged');
    for (const finding of caughtWrong)
      print(BROKEN.consumer, `caught: ${finding.subject}: ${finding.message}`);

    const removed = await run(folder, ['remove', '--stage', stage]);
    record.that('api', 'removed', removed.code === 0, `exit ${removed.code}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return record.findings;
}
