'use strict';
// s3rver in its own process (it needs --openssl-legacy-provider for list
// continuation tokens, which we do not want to impose on the harness).
// Object-created events are forwarded as S3 notification events to
// S3_EVENT_TARGET (an HTTP URL, e.g. serverless-offline's Lambda invoke
// endpoint for the thumbnail function), because serverless-offline has no S3
// event source.
const S3rver = require('s3rver');

const port = Number(process.env.S3_PORT);
const directory = process.env.S3_DIRECTORY;
const target = process.env.S3_EVENT_TARGET;
// Like an S3 notification rule's prefix filter: on AWS the media bucket only
// notifies for uploads/, so thumbnails written back never reach the handler.
const prefix = process.env.S3_EVENT_PREFIX || '';

const server = new S3rver({ port, address: '127.0.0.1', directory, silent: true, resetOnClose: true });

if (target) {
  server.on('event', (event) => {
    const record = event.Records && event.Records[0];
    if (!record || !record.eventName.startsWith('ObjectCreated')) return;
    if (!decodeURIComponent(record.s3.object.key).startsWith(prefix)) return;
    fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-invocation-type': 'Event' },
      body: JSON.stringify(event),
    }).then(
      (res) => {
        if (!res.ok) console.error(`s3rver: event delivery to ${target} answered ${res.status}`);
        return res.arrayBuffer();
      },
      (err) => console.error(`s3rver: event delivery to ${target} failed: ${err.message}`),
    );
  });
}

server.run().then(
  () => console.log(`s3rver listening on http://127.0.0.1:${port}`),
  (err) => {
    console.error(`s3rver failed to start: ${err.message}`);
    process.exit(1);
  },
);
