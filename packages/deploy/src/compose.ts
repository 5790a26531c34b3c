// The services of serverless-compose.yml, the one list every tool reads (packaging, cfn-lint, the
// template checks, the emulator deploy), in the order osls compose deploys them, and the wires
// between them: each `${service.Output}` a service's params read.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const COMPOSE_FILE = 'serverless-compose.yml';

/** One `param: ${producer.Output}` of a consumer service. */
export interface Wire {
  consumer: string;
  param: string;
  producer: string;
  output: string;
}

export interface ComposeService {
  name: string;
  /** Relative to the compose file's folder. */
  path: string;
  /** Params as written in the compose file, references unresolved. */
  params: Record<string, string>;
  /** Services this one waits for: the producers of its wires and its `dependsOn`. */
  dependsOn: string[];
}

export interface Compose {
  services: ComposeService[];
  wires: Wire[];
}

// Compose's own reference syntax (osls compose's resolveObject): ${service.Output}.
const REFERENCE = /\$\{(\w[\w-]*)\.([\w.-]+)\}/g;

export class ComposeConfigError extends Error {
  override name = 'ComposeConfigError';
}

interface RawService {
  path?: unknown;
  params?: unknown;
  dependsOn?: unknown;
}

/** Parses the text of a compose file; throws ComposeConfigError on what compose would refuse. */
export function parseCompose(text: string): Compose {
  const raw = parse(text) as { services?: Record<string, RawService> } | null;
  const entries = Object.entries(raw?.services ?? {});
  if (entries.length === 0) throw new ComposeConfigError('no services in the compose file');
  const names = new Set(entries.map(([name]) => name));
  const wires: Wire[] = [];
  const services = entries.map(([name, service]): ComposeService => {
    if (typeof service?.path !== 'string') throw new ComposeConfigError(`service ${name} has no path`);
    const params = Object.fromEntries(
      Object.entries((service.params ?? {}) as Record<string, unknown>).map(([key, value]) => [
        key,
        String(value),
      ]),
    );
    const dependsOn = new Set<string>(
      ([] as unknown[]).concat(service.dependsOn ?? []).map((dependency) => String(dependency)),
    );
    for (const [param, value] of Object.entries(params)) {
      for (const [, producer = '', output = ''] of value.matchAll(REFERENCE)) {
        wires.push({ consumer: name, param, producer, output });
        dependsOn.add(producer);
      }
    }
    for (const dependency of dependsOn) {
      if (!names.has(dependency)) {
        throw new ComposeConfigError(
          `service ${name} depends on ${dependency}, which compose does not define`,
        );
      }
    }
    return { name, path: service.path, params, dependsOn: [...dependsOn] };
  });
  return { services: deployOrder(services), wires };
}

/**
 * Services in the order compose deploys them: level by level (a service after everything it
 * depends on), in file order within a level. Throws on a cycle, which compose refuses too.
 */
export function deployOrder(services: ComposeService[]): ComposeService[] {
  const ordered: ComposeService[] = [];
  const done = new Set<string>();
  let pending = services;
  while (pending.length > 0) {
    const level = pending.filter((service) => service.dependsOn.every((dependency) => done.has(dependency)));
    if (level.length === 0) {
      throw new ComposeConfigError(
        `dependency cycle among ${pending.map((service) => service.name).join(', ')}`,
      );
    }
    ordered.push(...level);
    for (const service of level) done.add(service.name);
    pending = pending.filter((service) => !done.has(service.name));
  }
  return ordered;
}

/** The repository's compose file (the root is found from this file's location). */
export function readCompose(root = path.resolve(__dirname, '../../..')): Compose {
  return parseCompose(readFileSync(path.join(root, COMPOSE_FILE), 'utf8'));
}
