// What the checks look at (a deployed stack, read back through the CloudFormation API) and what
// they report.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, Json>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
}

export interface Template {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: Json }>;
}

/** A resource as the emulator's CloudFormation lists it. */
export interface StackResource {
  type: string;
  physicalId: string;
}

export interface DeployedStack {
  /** The compose service. */
  service: string;
  stackName: string;
  status: string;
  outputs: Record<string, string>;
  /** The template as deployed: compose's params already substituted. */
  template: Template;
  /** Resources the emulator created, by logical id (resources it skipped are absent). */
  resources: Map<string, StackResource>;
  region: string;
  accountId: string;
}

/** How a fact was established. */
export type Via = 'api' | 'template';

export interface Finding {
  service: string;
  /** Logical id, output or wire the finding is about. */
  subject: string;
  /** The resource type it counts under in the summary ('' for wiring). */
  type: string;
  via: Via;
  ok: boolean;
  /** What was checked; on failure, what was found instead. */
  message: string;
}

export function pass(service: string, subject: string, type: string, via: Via, message: string): Finding {
  return { service, subject, type, via, ok: true, message };
}

export function fail(service: string, subject: string, type: string, via: Via, message: string): Finding {
  return { service, subject, type, via, ok: false, message };
}

export const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const asArray = <T>(value: T | T[] | undefined | null): T[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
