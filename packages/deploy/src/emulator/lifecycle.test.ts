import { checkNoOp, checkUntouched, checkUpdate, type StackSnapshot } from './lifecycle';

const before: StackSnapshot = {
  events: 4,
  resources: { Health: 'gallery-api-emulator-health', Me: 'gallery-api-emulator-me' },
  code: { Health: { sha: 'a', modified: 't1' }, Me: { sha: 'b', modified: 't1' } },
};
const failed = (findings: ReturnType<typeof checkNoOp>) =>
  findings.filter((f) => !f.ok).map((f) => f.message);

describe('lifecycle checks', () => {
  it('a no-op redeploy: osls skipped it and nothing moved', () => {
    expect(failed(checkNoOp('api', before, before, 'no changes'))).toEqual([]);
    expect(failed(checkNoOp('api', before, { ...before, events: 6 }, 'deployed'))).toEqual([
      'osls skipped the deployment (no changes): compose said "deployed"',
      'stack events (no update ran) is 6, expected 4',
    ]);
  });

  it('a stack without functions may be redeployed by osls, but must not change', () => {
    const data: StackSnapshot = { events: 2, resources: { Table: 'gallery-emulator' }, code: {} };
    expect(failed(checkNoOp('data', data, { ...data, events: 4 }, 'deployed'))).toEqual([]);
    expect(
      failed(checkNoOp('data', data, { ...data, resources: { Table: 'other' } }, 'deployed')),
    ).toHaveLength(1);
  });

  it('an update changes the one function and nothing else', () => {
    const after = { ...before, events: 6, code: { ...before.code, Health: { sha: 'c', modified: 't2' } } };
    expect(failed(checkUpdate('api', 'Health', before, after, 'deployed'))).toEqual([]);
    const both = {
      ...after,
      code: { Health: { sha: 'c', modified: 't2' }, Me: { sha: 'd', modified: 't2' } },
    };
    expect(failed(checkUpdate('api', 'Health', before, both, 'deployed'))).toEqual([
      'the 1 other functions kept their code: Me',
    ]);
    expect(failed(checkUpdate('api', 'Health', before, before, 'no changes'))).toHaveLength(3);
  });

  it('a stack the update did not deploy stays as it was', () => {
    expect(failed(checkUntouched('auth', before, before))).toEqual([]);
    expect(failed(checkUntouched('auth', before, { ...before, events: 5 }))).toHaveLength(1);
  });
});
