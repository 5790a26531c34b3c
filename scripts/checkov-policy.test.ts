// The IaC policy file: every skipped check carries its reason on its own line, once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Scalar, isScalar, isSeq, parseDocument } from 'yaml';

const file = path.join(__dirname, '..', '.ci', 'checkov.yaml');
const document = parseDocument(readFileSync(file, 'utf8'));
const skips = document.get('skip-check');

describe('.ci/checkov.yaml', () => {
  it('runs checkov on CloudFormation', () => {
    expect(document.toJS()).toMatchObject({ framework: ['cloudformation'] });
  });

  it('gives every skipped check a one-line reason of some substance, and names each check once', () => {
    expect(isSeq(skips)).toBe(true);
    const items = isSeq(skips) ? skips.items : [];
    expect(items.length).toBeGreaterThan(0);
    const ids = items.map((item) => (isScalar(item) ? String(item.value) : ''));
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of items) {
      const { value, comment } = item as Scalar;
      expect(String(value)).toMatch(/^CKV2?_AWS_\d+$/);
      // "reason: why" on the check's own line.
      expect({ check: value, reason: comment?.trim() ?? '' }).toEqual({
        check: value,
        reason: expect.stringMatching(/^[^\n]{5,}: [^\n]{20,}$/),
      });
    }
  });
});
