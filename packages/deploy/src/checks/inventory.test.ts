import { tally } from './inventory';
import type { DeployedStack, Finding } from './model';

const stack: DeployedStack = {
  service: 'data',
  stackName: 'gallery-data-emulator',
  status: 'CREATE_COMPLETE',
  outputs: {},
  region: 'us-east-1',
  accountId: '123456789012',
  template: {
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table', Properties: { TimeToLiveSpecification: { Enabled: true } } },
      Secret: { Type: 'AWS::SecretsManager::Secret' },
      Other: { Type: 'AWS::DynamoDB::Table' },
    },
  },
  resources: new Map([
    ['Table', { type: 'AWS::DynamoDB::Table', physicalId: 'gallery-emulator' }],
    ['Other', { type: 'AWS::DynamoDB::Table', physicalId: 'other' }],
  ]),
};

const finding = (subject: string, via: 'api' | 'template', ok = true): Finding => ({
  service: 'data',
  subject,
  type: '',
  via,
  ok,
  message: '',
});

describe('tally', () => {
  it('counts by type what was declared, created, checked each way, failed and not emulated', () => {
    const findings = [
      finding('Table', 'api'),
      finding('Table', 'template'),
      finding('Secret', 'template'),
      finding('Other', 'api', false),
    ];
    const checks = {
      'AWS::DynamoDB::Table': {
        emulated: true,
        ignoredProperties: ['TimeToLiveSpecification', 'SSESpecification'],
        check: async () => [],
      },
      'AWS::SecretsManager::Secret': { emulated: false, check: async () => [] },
    };
    expect(tally([stack], findings, checks)).toEqual([
      {
        type: 'AWS::DynamoDB::Table',
        declared: 2,
        created: 2,
        checkedApi: 1,
        checkedTemplate: 0,
        failed: 1,
        notEmulated: 0,
        ignoredProperties: ['TimeToLiveSpecification'],
      },
      {
        type: 'AWS::SecretsManager::Secret',
        declared: 1,
        created: 0,
        checkedApi: 0,
        checkedTemplate: 1,
        failed: 0,
        notEmulated: 1,
        ignoredProperties: [],
      },
    ]);
  });

  it('counts a resource without any finding as failed: nothing was checked', () => {
    expect(tally([stack], [], {})[0]?.failed).toBe(2);
  });
});
