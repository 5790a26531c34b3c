// Imported first by a test file that reads what its functions write (./capture.ts): the function
// modules it imports next then log at DEBUG and write EMF metrics, as on Lambda, instead of the test
// runs' quiet defaults (jest.config.ts). The logger and the metrics read these once, when created,
// and the chain renews the log level on every invocation from that first reading, so a file cannot
// switch them per test: each of its tests captures the output (captureStdout in beforeEach).
process.env.LOG_LEVEL = 'DEBUG';
process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.POWERTOOLS_METRICS_NAMESPACE ??= 'GalleryTest';
process.env.POWERTOOLS_SERVICE_NAME ??= 'gallery-test';

export {};
