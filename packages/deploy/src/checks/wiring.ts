// Whether the outputs compose wires between stacks really flowed: each wire's output exists with a
// concrete value, the consumer reads the param and its deployed template carries the value, and no
// param a service reads falls back to its offline default unless the service says why that is the
// deployed value. Pure: unit-tested on fixture data (wiring.test.ts).

import type { Wire } from '../compose';
import { type Finding, fail, pass } from './model';

export interface WiringInput {
  wires: Wire[];
  services: Array<{
    name: string;
    /** Params compose passes (names). */
    composeParams: string[];
    /** `${param:...}` names its configuration reads. */
    paramsRead: Set<string>;
    /** Params deliberately left to their default on deploy, with the reason. */
    defaultedParams: Record<string, string>;
  }>;
  /** Outputs of each deployed stack, and its deployed template as text. */
  stacks: Map<string, { outputs: Record<string, string>; templateText: string }>;
}

/** An output value that means something: not empty, not a placeholder left by a skipped resource. */
export function isConcrete(value: string | undefined): value is string {
  return value !== undefined && value !== '' && !/\$\{|\b(None|undefined|null)\b/.test(value);
}

export function checkWiring({ wires, services, stacks }: WiringInput): Finding[] {
  const findings: Finding[] = [];
  for (const { consumer, param, producer, output } of wires) {
    const subject = `${consumer}.${param} ← ${producer}.${output}`;
    const ok = (message: string) => findings.push(pass(consumer, subject, '', 'api', message));
    const bad = (message: string) => findings.push(fail(consumer, subject, '', 'api', message));
    const produced = stacks.get(producer)?.outputs ?? {};
    const value = produced[output];
    if (!isConcrete(value)) {
      bad(
        value === undefined
          ? `${producer} has no output ${output} (it has ${Object.keys(produced).sort().join(', ') || 'none'})`
          : `${producer}'s output ${output} is ${JSON.stringify(value)}, not a concrete value`,
      );
      continue;
    }
    const reads = services.find((service) => service.name === consumer)?.paramsRead;
    if (!reads?.has(param)) {
      bad(`compose passes ${param}, but ${consumer} never reads \${param:${param}}`);
      continue;
    }
    if (!stacks.get(consumer)?.templateText.includes(value)) {
      bad(`${consumer}'s deployed template does not contain ${producer}.${output} (${value})`);
      continue;
    }
    ok(`${value} reached ${consumer}'s deployed template`);
  }
  for (const service of services) {
    const judge = (param: string, ok: boolean, message: string) =>
      findings.push((ok ? pass : fail)(service.name, `${service.name}.${param}`, '', 'template', message));
    for (const param of Object.keys(service.defaultedParams)) {
      if (!service.paramsRead.has(param))
        judge(param, false, 'listed as left to its default, but never read');
    }
    for (const param of service.paramsRead) {
      const passed = service.composeParams.includes(param);
      const reason = service.defaultedParams[param];
      if (!passed && reason === undefined) {
        judge(
          param,
          false,
          `reads \${param:${param}}, which compose does not pass: its offline default would be deployed`,
        );
      } else if (!passed && reason !== undefined) {
        judge(param, true, `default on deploy: ${reason}`);
      } else if (passed && reason !== undefined) {
        judge(param, false, 'compose passes it, yet it is listed as left to its default');
      }
    }
  }
  return findings;
}
