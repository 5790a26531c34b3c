import type { Principal } from '@gallery/lambda/http';

/** The verified caller of an authenticated route (the chain guarantees one; this narrows the type). */
export function callerId(principal: Principal | undefined): string {
  if (!principal) throw new Error('authenticated route without a principal');
  return principal.userId;
}
