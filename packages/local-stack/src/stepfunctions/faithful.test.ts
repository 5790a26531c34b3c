import { unfaithfulConstructs } from './faithful';

const LAMBDA = 'arn:aws:lambda:us-east-1:000000000000:function:gallery-workflows-test-step';

const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: Object.keys(states)[0] ?? 'A',
  States: states,
  ...extra,
});

describe('unfaithfulConstructs', () => {
  it('accepts Task, Map (INLINE), Choice, Wait, Pass, Fail with Retry and Catch', () => {
    const definition = machine({
      A: { Type: 'Task', Resource: LAMBDA, Retry: [{ ErrorEquals: ['States.ALL'] }], Next: 'M' },
      M: {
        Type: 'Map',
        MaxConcurrency: 4,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'T',
          States: { T: { Type: 'Task', Resource: LAMBDA, End: true } },
        },
        Next: 'W',
      },
      W: { Type: 'Wait', Seconds: 1, Next: 'P' },
      P: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true },
    });
    expect(unfaithfulConstructs(definition as never)).toEqual([]);
  });

  it('refuses JSONata, Assign, DISTRIBUTED maps and service integrations, nested ones too', () => {
    const definition = machine(
      {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Next: 'C' },
        C: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', Next: 'M' },
        M: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'T',
            States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
          },
          End: true,
        },
      },
      { QueryLanguage: 'JSONata' },
    );
    expect(unfaithfulConstructs(definition as never)).toEqual([
      'state machine: QueryLanguage JSONata',
      'A: Assign (variables)',
      expect.stringMatching(/^B: Resource "arn:aws:states:::dynamodb:putItem" is not a Lambda function/),
      'C: QueryLanguage JSONata',
      'C: Output (JSONata)',
      'M: DISTRIBUTED Map (run inline locally)',
      'M: ItemReader (DISTRIBUTED Map only)',
      expect.stringMatching(/^M > T: Resource "arn:aws:states:::lambda:invoke" is not a Lambda function/),
    ]);
  });
});
