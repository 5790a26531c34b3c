// Where the process's AWS SDK clients meet what observes them (X-Ray, through @gallery/lambda's
// tracer). Each module singleton client (DynamoDB here, S3 and Cognito in @gallery/lambda and the
// services) registers itself when it is created; an instrument registered before or after sees
// every client exactly once. Nothing here imports the SDK or a tracer: a function that never
// traces, or never creates a client, pays nothing.

/** What every SDK v3 client has, as far as this registry is concerned. */
export interface AwsClient {
  middlewareStack: unknown;
}

export type ClientInstrument = (client: AwsClient) => void;

const clients = new Set<AwsClient>();
const instruments = new Set<ClientInstrument>();

/** Registers a client of the process and applies every instrument to it; returns the client. */
export function instrumentClient<C extends AwsClient>(client: C): C {
  if (clients.has(client)) return client;
  clients.add(client);
  for (const instrument of instruments) instrument(client);
  return client;
}

/** Applies `instrument` to every client registered so far and to every later one. */
export function addClientInstrument(instrument: ClientInstrument): void {
  if (instruments.has(instrument)) return;
  instruments.add(instrument);
  for (const client of clients) instrument(client);
}
