'use strict';

// osls lists in DependsOn resources that the same resource already references (a function's role,
// read with Fn::GetAtt; an HTTP API route's integration, read with Ref). CloudFormation orders
// resources by those references anyway, so such entries change nothing on AWS, but cfn-lint reports
// each one (W3005) and moto's ValidateTemplate, which the emulator deploy goes through, refuses a
// template with any cfn-lint finding. This plugin removes exactly those entries from the final
// template: every DependsOn that no reference implies is kept.

const PSEUDO_PARAMETER = /^AWS::/;

/** `${Name}` and `${Name.Attribute}` of a Fn::Sub string; `${!Literal}` is text, not a reference. */
function subReferences(text, shadowed) {
  const ids = [];
  for (const [, expression] of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
    const id = expression.split('.')[0].trim();
    if (!PSEUDO_PARAMETER.test(id) && !shadowed.has(id)) ids.push(id);
  }
  return ids;
}

/**
 * Logical ids a template value references unconditionally (Ref, Fn::GetAtt, Fn::Sub). References
 * under Fn::If hold only when a condition does, so they imply nothing.
 * @param {unknown} value
 * @param {Set<string>} [found]
 * @returns {Set<string>}
 */
function referencedLogicalIds(value, found = new Set()) {
  if (Array.isArray(value)) {
    for (const item of value) referencedLogicalIds(item, found);
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'Fn::If') continue;
    if (key === 'Ref' && typeof child === 'string') {
      if (!PSEUDO_PARAMETER.test(child)) found.add(child);
    } else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(child)
        ? child[0]
        : typeof child === 'string'
          ? child.split('.')[0]
          : undefined;
      if (typeof target === 'string') found.add(target);
    } else if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(child) ? child : [child, {}];
      const shadowed = new Set(Object.keys(variables ?? {}));
      if (typeof text === 'string') for (const id of subReferences(text, shadowed)) found.add(id);
      referencedLogicalIds(variables, found);
    } else {
      referencedLogicalIds(child, found);
    }
  }
  return found;
}

/**
 * The resource's DependsOn without the entries its own references already imply; undefined when
 * nothing is left. Pure: unit-tested without osls.
 * @param {{ DependsOn?: string | string[] } & Record<string, unknown>} resource
 * @returns {string[] | undefined}
 */
function explicitDependencies(resource) {
  const { DependsOn: dependsOn, ...rest } = resource;
  if (dependsOn === undefined) return undefined;
  const implied = referencedLogicalIds(rest);
  const kept = (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).filter((id) => !implied.has(id));
  return kept.length > 0 ? kept : undefined;
}

class ImpliedDependenciesPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = {
      // After the custom resources are merged in, before the template is validated and saved.
      'before:aws:package:finalize:saveServiceState': () => this.dropImpliedDependencies(),
    };
  }

  dropImpliedDependencies() {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    for (const resource of Object.values(resources)) {
      if (resource.DependsOn === undefined) continue;
      const kept = explicitDependencies(resource);
      if (kept === undefined) delete resource.DependsOn;
      else resource.DependsOn = kept;
    }
  }
}

module.exports = ImpliedDependenciesPlugin;
module.exports.referencedLogicalIds = referencedLogicalIds;
module.exports.explicitDependencies = explicitDependencies;
