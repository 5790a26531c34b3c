import { SignUpRejectedError } from '../../triggers/rejection';
import { vetAttributes } from './handler';

// The format checks; "already taken" needs the table and is covered in ../../signup-flow.int.test.ts.
describe('PreSignUp vetAttributes', () => {
  const reasonOf = (attributes: Record<string, string>) => {
    try {
      vetAttributes(attributes);
      return undefined;
    } catch (err) {
      return err instanceof SignUpRejectedError ? err.reason : err;
    }
  };

  it('passes a well-formed handle and display name', () => {
    expect(vetAttributes({ 'custom:handle': 'ada', name: 'Ada' })).toBe('ada');
    expect(vetAttributes({ 'custom:handle': 'ada' })).toBe('ada');
  });

  it('refuses a missing, malformed or non-canonical handle', () => {
    expect(reasonOf({ name: 'Ada' })).toBe('handle_malformed');
    expect(reasonOf({ 'custom:handle': 'a b' })).toBe('handle_malformed');
    expect(reasonOf({ 'custom:handle': 'Ada' })).toBe('handle_malformed');
  });

  it('refuses a reserved handle', () => {
    expect(reasonOf({ 'custom:handle': 'admin' })).toBe('handle_reserved');
  });

  it('refuses an empty or overlong display name', () => {
    expect(reasonOf({ 'custom:handle': 'ada', name: '   ' })).toBe('display_name_invalid');
    expect(reasonOf({ 'custom:handle': 'ada', name: 'x'.repeat(81) })).toBe('display_name_invalid');
  });

  it("puts the reason where the auth routes find it in Cognito's message", () => {
    expect(new SignUpRejectedError('handle_taken').message).toBe('[handle_taken]');
  });
});
