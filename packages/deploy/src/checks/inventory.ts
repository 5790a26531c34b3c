// The summary by resource type: how many each stack declares, how many the emulator created, how
// many were checked (through the AWS API, or only from the deployed template) and which were not
// emulated. Pure.

import type { DeployedStack, Finding } from './model';
import type { ResourceCheck } from './resources/types';

export interface TypeTally {
  type: string;
  declared: number;
  created: number;
  /** Resources whose findings all passed, at least one of them through the AWS API. */
  checkedApi: number;
  /** Resources whose findings all passed, all of them read from the template. */
  checkedTemplate: number;
  failed: number;
  /** Resources moto's CloudFormation skipped. */
  notEmulated: number;
  /** Properties moto's CloudFormation ignores on resources of this type that the templates set. */
  ignoredProperties: string[];
}

export function tally(
  stacks: DeployedStack[],
  findings: Finding[],
  checks: Record<string, ResourceCheck>,
): TypeTally[] {
  const byType = new Map<string, TypeTally>();
  for (const stack of stacks) {
    for (const [id, resource] of Object.entries(stack.template.Resources)) {
      const entry =
        byType.get(resource.Type) ??
        ({
          type: resource.Type,
          declared: 0,
          created: 0,
          checkedApi: 0,
          checkedTemplate: 0,
          failed: 0,
          notEmulated: 0,
          ignoredProperties: [],
        } satisfies TypeTally);
      byType.set(resource.Type, entry);
      entry.declared += 1;
      if (stack.resources.has(id)) entry.created += 1;
      else entry.notEmulated += 1;
      for (const property of checks[resource.Type]?.ignoredProperties ?? []) {
        if (resource.Properties?.[property] !== undefined && !entry.ignoredProperties.includes(property)) {
          entry.ignoredProperties.push(property);
        }
      }
      const own = findings.filter((finding) => finding.service === stack.service && finding.subject === id);
      if (own.length === 0 || own.some((finding) => !finding.ok)) entry.failed += 1;
      else if (own.some((finding) => finding.via === 'api')) entry.checkedApi += 1;
      else entry.checkedTemplate += 1;
    }
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}
