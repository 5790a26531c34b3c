// The expectations of each compose service. A service without an entry gets the generic checks
// only (every resource, every output, every wire); an entry adds what its functions and roles must
// carry from the other stacks.

import { activity } from './activity';
import { alerts } from './alerts';
import { api } from './api';
import { auth } from './auth';
import { data } from './data';
import { edge } from './edge';
import type { ServiceExpectations } from './expectations';
import { media } from './media';
import { scheduler } from './scheduler';
import { workflows } from './workflows';

export const SERVICE_EXPECTATIONS: Record<string, ServiceExpectations> = {
  alerts,
  data,
  auth,
  media,
  edge,
  workflows,
  api,
  scheduler,
  activity,
};
