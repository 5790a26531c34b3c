// Integration tests cross the network to emulators on a 2-core machine.
jest.setTimeout(60_000);
