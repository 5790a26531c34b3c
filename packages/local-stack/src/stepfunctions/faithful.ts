// What aws-local-stepfunctions does not run the way AWS Step Functions does, measured: it passes
// JSONata states through unchanged, fails on `Assign`, runs a DISTRIBUTED Map inline (no child
// executions, no item batching or reading), and invokes every Task's Resource as a Lambda function
// (a service integration such as `arn:aws:states:::dynamodb:putItem` would be sent to Lambda).
// A definition that uses any of them would pass locally and behave differently on AWS, so the
// harness refuses it, and the workflows' tests fail on it.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type State = Record<string, Json>;

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+$/;
/** Fields of a Map that exist only in DISTRIBUTED mode. */
const DISTRIBUTED_ONLY = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
];
/** JSONata-only fields. */
const JSONATA_FIELDS = ['Arguments', 'Output'];

function asObject(value: Json | undefined): Record<string, Json> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/**
 * Every construct of `definition` the local interpreter would not run as AWS does, as
 * `<state>: <why>`; empty when it runs faithfully. Task resources must already be Lambda ARNs.
 */
export function unfaithfulConstructs(definition: Record<string, Json>, where = ''): string[] {
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata')
    problems.push(`${where || 'state machine'}: QueryLanguage JSONata`);
  const states = asObject(definition.States) ?? {};
  for (const [name, raw] of Object.entries(states)) {
    const state = asObject(raw) as State | undefined;
    if (!state) continue;
    const at = `${where}${name}`;
    if (state.QueryLanguage === 'JSONata') problems.push(`${at}: QueryLanguage JSONata`);
    if ('Assign' in state) problems.push(`${at}: Assign (variables)`);
    for (const field of JSONATA_FIELDS) if (field in state) problems.push(`${at}: ${field} (JSONata)`);
    if (state.Type === 'Task') {
      const resource = state.Resource;
      if (typeof resource !== 'string' || !LAMBDA_ARN.test(resource)) {
        problems.push(
          `${at}: Resource ${JSON.stringify(resource)} is not a Lambda function (service integrations are not run locally)`,
        );
      }
    }
    if (state.Type === 'Map') {
      const processor = asObject(state.ItemProcessor) ?? asObject(state.Iterator);
      const mode = asObject(processor?.ProcessorConfig)?.Mode;
      if (mode === 'DISTRIBUTED') problems.push(`${at}: DISTRIBUTED Map (run inline locally)`);
      for (const field of DISTRIBUTED_ONLY)
        if (field in state) problems.push(`${at}: ${field} (DISTRIBUTED Map only)`);
      if (processor) problems.push(...unfaithfulConstructs(processor, `${at} > `));
    }
    if (state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((branch, i) => {
        const b = asObject(branch);
        if (b) problems.push(...unfaithfulConstructs(b, `${at}[${i}] > `));
      });
    }
  }
  return problems;
}

/** Every state of a definition, nested Map and Parallel states included, by name. */
export function allStates(definition: Record<string, Json>): Array<[string, State]> {
  const found: Array<[string, State]> = [];
  for (const [name, raw] of Object.entries(asObject(definition.States) ?? {})) {
    const state = asObject(raw) as State | undefined;
    if (!state) continue;
    found.push([name, state]);
    const processor = asObject(state.ItemProcessor) ?? asObject(state.Iterator);
    if (processor) found.push(...allStates(processor));
    if (Array.isArray(state.Branches)) {
      for (const branch of state.Branches) {
        const b = asObject(branch);
        if (b) found.push(...allStates(b));
      }
    }
  }
  return found;
}

export type { Json };
