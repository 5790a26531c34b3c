// Prints each service of serverless-compose.yml as `<name><TAB><folder>`, one per line, in deploy
// order, for the shell scripts (scripts/package-all.sh, scripts/cfn-lint.sh).
//
//   tsx packages/deploy/src/list-services.ts

import { readCompose } from './compose';

for (const service of readCompose().services) console.log(`${service.name}\t${service.path}`);
