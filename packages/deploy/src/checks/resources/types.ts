import type { DeployedStack, Finding, TemplateResource } from '../model';

export interface CheckContext {
  stack: DeployedStack;
}

/** How the emulator deploy checks one CloudFormation resource type. */
export interface ResourceCheck {
  /** False when moto's CloudFormation skips the type: the checks read the deployed template. */
  emulated: boolean;
  /** Properties moto's CloudFormation ignores on a type it does create (checked from the template). */
  ignoredProperties?: string[];
  check(logicalId: string, resource: TemplateResource, context: CheckContext): Promise<Finding[]>;
}
