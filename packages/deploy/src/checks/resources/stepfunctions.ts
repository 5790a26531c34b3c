// Step Functions: each state machine exactly as the template states it (name, role, type, and the
// definition with every Task's function ARN the stack's own), read back with DescribeStateMachine.
// cfn-lint does not look inside a definition; services/workflows/tests/definitions.test.ts does.

import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import { aws } from '../../aws';
import { Recorder } from '../recorder';
import { resolve } from '../resolve';
import type { ResourceCheck } from './types';

export const stateMachine: ResourceCheck = {
  emulated: true,
  async check(id, resource, { stack }) {
    const record = new Recorder(stack.service, id, resource.Type);
    const props = resource.Properties ?? {};
    const arn = stack.resources.get(id)?.physicalId ?? '';
    try {
      const described = await aws().sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
      record.equal('api', 'name', described.name, props.StateMachineName);
      record.equal('api', 'role', described.roleArn, resolve(props.RoleArn ?? null, stack));
      record.equal('api', 'type', described.type, props.StateMachineType ?? 'STANDARD');
      const tracing = props.TracingConfiguration as { Enabled?: boolean } | undefined;
      record.equalOrIgnored(
        'TracingConfiguration',
        described.tracingConfiguration?.enabled ?? false,
        tracing?.Enabled ?? false,
      );
      const expected = resolve(props.DefinitionString ?? null, stack);
      record.equal(
        'api',
        'definition (every Task naming this stack’s functions)',
        JSON.parse(described.definition ?? 'null'),
        JSON.parse(String(expected)),
      );
    } catch (err) {
      record.error('api', `state machine ${arn}`, err);
    }
    return record.findings;
  },
};
