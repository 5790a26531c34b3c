import { errorName } from './invoke-offline';

describe('errorName', () => {
  it('takes the real name from the trace serverless-offline reports under errorType "Error"', () => {
    expect(
      errorName({
        errorType: 'Error',
        errorMessage: 'The database is unavailable, try again',
        trace: [
          'UnavailableError: The database is unavailable, try again',
          '    at guarded (transactions.ts:46:11)',
        ],
      }),
    ).toBe('UnavailableError');
  });

  it('keeps errorType when the trace names nothing better', () => {
    expect(errorName({ errorType: 'Error', trace: ['Error: plain'] })).toBe('Error');
    expect(errorName({ errorType: 'TypeError' })).toBe('TypeError');
    expect(errorName({})).toBe('Error');
  });
});
