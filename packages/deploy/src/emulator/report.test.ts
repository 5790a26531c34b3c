import type { Finding } from '../checks/model';
import { phasesTable, resourcesTable } from './report';

describe('report', () => {
  it('lists each phase with its time and result', () => {
    const text = phasesTable([
      { name: 'deploy', seconds: 12.4, ok: true, detail: '5 stacks' },
      { name: 'remove', seconds: 3, ok: false, detail: 'osls-compose exited 1' },
    ]);
    expect(text.split('\n')).toEqual([
      'phase   seconds  result',
      '------  -------  -----------------------------',
      'deploy       12  ok  5 stacks',
      'remove        3  FAILED  osls-compose exited 1',
    ]);
  });

  it('counts resources by type, the wires, and names the properties moto ignores', () => {
    const wire = (subject: string, ok: boolean): Finding => ({
      service: 'api',
      subject,
      type: '',
      via: 'api',
      ok,
      message: '',
    });
    const text = resourcesTable(
      [
        {
          type: 'AWS::DynamoDB::Table',
          declared: 1,
          created: 1,
          checkedApi: 1,
          checkedTemplate: 0,
          failed: 0,
          notEmulated: 0,
          ignoredProperties: ['TimeToLiveSpecification'],
        },
      ],
      [
        wire('api.tableName ← data.TableName', true),
        wire('api.tableArn ← data.TableArn', false),
        wire('api.tableArn ← data.TableArn', true),
      ],
    );
    const cells = (start: string) =>
      text
        .split('\n')
        .find((line) => line.startsWith(start))
        ?.split(/ {2,}/);
    expect(cells('AWS::DynamoDB::Table')).toEqual(['AWS::DynamoDB::Table', '1', '1', '1', '-', '-', '-']);
    expect(cells('compose wires')).toEqual(['compose wires and params', '2', '1', '1 FAILED']);
    expect(text).toContain('  AWS::DynamoDB::Table: TimeToLiveSpecification');
  });
});
