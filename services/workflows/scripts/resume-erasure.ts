// Runs a failed (or stuck) erasure again: a new execution of the erasure state machine for the same
// erasure, named `<erasureId>-<attempt>`. Every step finds only what is still there, so the run
// finishes the job; an erasure that has completed is refused here (and by the workflow).
//
//   ERASURE_STATE_MACHINE_ARN=arn:aws:states:… TABLE_NAME=gallery-prod pnpm erasure:resume <erasureId>
//   (locally, with `pnpm dev` running: the values are in .local/stack.json's env)
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { getErasure, getErasureSubject } from '@gallery/core/access/erasures';

/** The StartExecution that resumes `erasureId`: its name and input. */
export async function resumeRequest(erasureId: string): Promise<{ name: string; input: string }> {
  const subject = await getErasureSubject(erasureId);
  if (!subject) throw new Error(`erasure ${erasureId} has completed: nothing to resume`);
  const { attempts } = await getErasure(erasureId);
  return { name: `${erasureId}-${attempts + 1}`, input: JSON.stringify({ erasureId, ...subject }) };
}

async function main(): Promise<void> {
  const [erasureId] = process.argv.slice(2);
  const stateMachineArn = process.env.ERASURE_STATE_MACHINE_ARN;
  if (!erasureId || !stateMachineArn) {
    console.error('usage: ERASURE_STATE_MACHINE_ARN=… pnpm erasure:resume <erasureId>');
    process.exit(2);
  }
  const endpoint = process.env.STEP_FUNCTIONS_ENDPOINT;
  const client = new SFNClient(endpoint ? { endpoint } : {});
  const request = await resumeRequest(erasureId);
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, ...request }));
  console.log(`resumed ${erasureId}: ${executionArn}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
