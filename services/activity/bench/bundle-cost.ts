// What Powertools' batch utility adds to a stream function's bundle: the function bundled with the
// deploy options, and the bytes its output owes to @aws-lambda-powertools (and what that pulls in).
import path from 'node:path';
import { build } from 'esbuild';
import { deployBuildOptions } from '@gallery/testing/deploy-build';

export interface BundleCost {
  functionKey: string;
  bytes: number;
  powertoolsBytes: number;
}

const POWERTOOLS =
  /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(@aws-lambda-powertools|@aws\/lambda-invoke-store)\//;

export async function bundleCost(serviceDir: string, functionKey: string): Promise<BundleCost> {
  const result = await build({
    ...deployBuildOptions(serviceDir),
    entryPoints: [path.join(serviceDir, 'src', 'functions', functionKey, 'handler.ts')],
    write: false,
    outfile: 'out.js',
  });
  const output = Object.values(result.metafile?.outputs ?? {})[0];
  const powertoolsBytes = Object.entries(output?.inputs ?? {})
    .filter(([file]) => POWERTOOLS.test(file))
    .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  return { functionKey, bytes: result.outputFiles?.[0]?.contents.length ?? 0, powertoolsBytes };
}
