// How a trigger tells the auth routes why it refused a sign-up or a confirmation. Cognito turns a
// trigger's error into UserLambdaValidationException with the message "<trigger> failed with error
// <our message>."; the reason travels as a bracketed token in that message, parsed back in exactly
// one place (../cognito/errors.ts). Nothing else of the message ever reaches a client.

export const REJECTION_REASONS = [
  'handle_taken',
  'handle_malformed',
  'handle_reserved',
  'display_name_invalid',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/** Thrown by a trigger to refuse the operation; Cognito then fails the SignUp / ConfirmSignUp call. */
export class SignUpRejectedError extends Error {
  constructor(
    readonly reason: RejectionReason,
    options?: { cause?: unknown },
  ) {
    super(`[${reason}]`, options);
    this.name = 'SignUpRejectedError';
  }
}

/** The reason a trigger gave, found in the message of Cognito's UserLambdaValidationException. */
export function rejectionReason(message: string | undefined): RejectionReason | undefined {
  const match = /\[([a-z_]+)\]/.exec(message ?? '');
  const token = match?.[1];
  return REJECTION_REASONS.find((reason) => reason === token);
}
