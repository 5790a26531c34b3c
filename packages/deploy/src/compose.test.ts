import { ComposeConfigError, parseCompose, readCompose } from './compose';

const file = `
services:
  api:
    path: services/api
    params:
      tableName: \${data.TableName}
      issuer: https://\${auth.Issuer}/x
  data:
    path: services/data
  auth:
    path: services/auth
    params:
      tableArn: \${data.TableArn}
  edge:
    path: services/edge
    dependsOn: api
`;

describe('parseCompose', () => {
  it('orders services as compose deploys them: level by level, in file order within a level', () => {
    expect(parseCompose(file).services.map((service) => service.name)).toEqual([
      'data',
      'auth',
      'api',
      'edge',
    ]);
  });

  it('lists every output reference as a wire, also inside a longer string', () => {
    expect(parseCompose(file).wires).toEqual([
      { consumer: 'api', param: 'tableName', producer: 'data', output: 'TableName' },
      { consumer: 'api', param: 'issuer', producer: 'auth', output: 'Issuer' },
      { consumer: 'auth', param: 'tableArn', producer: 'data', output: 'TableArn' },
    ]);
  });

  it('refuses a reference to a service compose does not define', () => {
    expect(() => parseCompose('services:\n  a:\n    path: a\n    params:\n      x: ${b.Out}\n')).toThrow(
      ComposeConfigError,
    );
  });

  it('refuses a cycle', () => {
    const cycle = 'services:\n  a:\n    path: a\n    dependsOn: b\n  b:\n    path: b\n    dependsOn: a\n';
    expect(() => parseCompose(cycle)).toThrow(/cycle among a, b/);
  });
});

describe('readCompose', () => {
  it("reads the repository's compose file: alerts (the alarm topic) first, then data, every service with a folder", () => {
    const { services } = readCompose();
    expect(services.slice(0, 2).map((service) => service.name)).toEqual(['alerts', 'data']);
    for (const service of services) expect(service.path).toMatch(/^services\//);
  });
});
