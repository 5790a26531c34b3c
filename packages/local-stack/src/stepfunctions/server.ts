// A local Step Functions endpoint speaking the service's JSON protocol (AWS JSON 1.0, the operation
// in `X-Amz-Target: AWSStepFunctions.<Operation>`), so the api's SFNClient only gets an endpoint
// override: StartExecution, DescribeExecution and ListExecutions, answered from LocalStepFunctions.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SfnError, type Execution, type LocalStepFunctions } from './runner';

const JSON_1_0 = 'application/x-amz-json-1.0';

/** Timestamps travel as epoch seconds in the JSON protocol. */
const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function described(execution: Execution) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: seconds(execution.startDate),
    stopDate: seconds(execution.stopDate),
    input: execution.input,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
  };
}

type Operation = (body: Record<string, unknown>) => unknown;

function operations(sfn: LocalStepFunctions): Record<string, Operation> {
  return {
    StartExecution: (body) => {
      const execution = sfn.startExecution({
        stateMachineArn: String(body.stateMachineArn),
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
        ...(typeof body.input === 'string' ? { input: body.input } : {}),
      });
      return { executionArn: execution.executionArn, startDate: seconds(execution.startDate) };
    },
    DescribeExecution: (body) => described(sfn.describeExecution(String(body.executionArn))),
    ListExecutions: (body) => ({
      executions: sfn.listExecutions(String(body.stateMachineArn)).map((e) => {
        const { input: _input, output: _output, error: _error, cause: _cause, ...summary } = described(e);
        return summary;
      }),
    }),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': JSON_1_0 });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export interface StepFunctionsEndpoint {
  url: string;
  close(): Promise<void>;
}

/** Serves `sfn` on 127.0.0.1:`port` (0: a free port). */
export async function startStepFunctionsEndpoint(
  sfn: LocalStepFunctions,
  port = 0,
): Promise<StepFunctionsEndpoint> {
  const handlers = operations(sfn);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = handlers[target.replace(/^AWSStepFunctions\./, '')];
      if (req.method !== 'POST' || !operation) {
        send(res, 400, { __type: 'UnknownOperationException', message: `not served locally: ${target}` });
        return;
      }
      try {
        const text = await readBody(req);
        send(res, 200, operation(text ? (JSON.parse(text) as Record<string, unknown>) : {}));
      } catch (err) {
        if (err instanceof SfnError) send(res, 400, { __type: err.type, message: err.message });
        else send(res, 500, { __type: 'InternalError', message: 'local Step Functions failed' });
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
