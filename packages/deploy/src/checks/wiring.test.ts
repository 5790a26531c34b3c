import { parseCompose } from '../compose';
import { type WiringInput, checkWiring } from './wiring';

// A producer with two outputs and a consumer reading both, as serverless-compose.yml wires them.
const compose = (tableArn = '${data.TableArn}') =>
  parseCompose(`
services:
  data:
    path: services/data
  auth:
    path: services/auth
    params:
      tableName: \${data.TableName}
      tableArn: ${tableArn}
`);

const outputs = {
  TableName: 'gallery-emulator',
  TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-emulator',
  TableStreamArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/gallery-emulator/stream/2026',
};

function input(
  overrides: {
    tableArn?: string;
    reads?: string[];
    defaulted?: Record<string, string>;
    template?: string;
  } = {},
): WiringInput {
  const parsed = compose(overrides.tableArn);
  return {
    wires: parsed.wires,
    services: parsed.services.map((service) => ({
      name: service.name,
      composeParams: Object.keys(service.params),
      paramsRead: new Set(service.name === 'auth' ? (overrides.reads ?? ['tableName', 'tableArn']) : []),
      defaultedParams: service.name === 'auth' ? (overrides.defaulted ?? {}) : {},
    })),
    stacks: new Map([
      ['data', { outputs, templateText: '{}' }],
      [
        'auth',
        {
          outputs: {},
          templateText:
            overrides.template ?? JSON.stringify({ env: outputs.TableName, arn: outputs.TableArn }),
        },
      ],
    ]),
  };
}

const failures = (findings: ReturnType<typeof checkWiring>) =>
  findings.filter((finding) => !finding.ok).map((finding) => `${finding.subject}: ${finding.message}`);

describe('checkWiring', () => {
  it('passes when every wired output exists and reached the consumer', () => {
    const findings = checkWiring(input());
    expect(failures(findings)).toEqual([]);
    expect(findings.map((finding) => finding.subject)).toEqual([
      'auth.tableName ← data.TableName',
      'auth.tableArn ← data.TableArn',
    ]);
  });

  it('fails a consumer reading an output that does not exist', () => {
    expect(failures(checkWiring(input({ tableArn: '${data.TableArnn}' })))).toEqual([
      'auth.tableArn ← data.TableArnn: data has no output TableArnn (it has TableArn, TableName, TableStreamArn)',
    ]);
  });

  it('fails an output whose value never reached the consumer', () => {
    expect(failures(checkWiring(input({ template: JSON.stringify({ env: outputs.TableName }) })))).toEqual([
      `auth.tableArn ← data.TableArn: auth's deployed template does not contain data.TableArn (${outputs.TableArn})`,
    ]);
  });

  it('fails a param compose passes but the service never reads (a misspelt name)', () => {
    expect(failures(checkWiring(input({ reads: ['tableName', 'tableARN'] })))).toEqual([
      'auth.tableArn ← data.TableArn: compose passes tableArn, but auth never reads ${param:tableArn}',
      'auth.tableARN: reads ${param:tableARN}, which compose does not pass: its offline default would be deployed',
    ]);
  });

  it('accepts a param left to its default only with a reason, and only if it is read', () => {
    const reads = ['tableName', 'tableArn', 'userPoolId'];
    expect(failures(checkWiring(input({ reads, defaulted: { userPoolId: 'own pool' } })))).toEqual([]);
    expect(failures(checkWiring(input({ defaulted: { userPoolId: 'own pool' } })))).toEqual([
      'auth.userPoolId: listed as left to its default, but never read',
    ]);
  });

  it('fails an output left unresolved by a resource the emulator skipped', () => {
    const broken = input();
    broken.stacks.set('data', {
      outputs: { ...outputs, TableArn: 'arn:aws:dynamodb:::table/None' },
      templateText: '{}',
    });
    expect(failures(checkWiring(broken))).toEqual([
      'auth.tableArn ← data.TableArn: data\'s output TableArn is "arn:aws:dynamodb:::table/None", not a concrete value',
    ]);
  });
});
