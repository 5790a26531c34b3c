// esbuild plugins for every service's bundles (serverless-esbuild's `plugins` option in
// services/serverless.shared.yml; the cold-start benchmark loads the same file).
'use strict';

// ElectroDB's client module does `require('@aws-sdk/lib-dynamodb')` to build commands for a
// DocumentClient it wraps itself. esbuild cannot tree-shake an ES module that is `require`d: it
// keeps lib-dynamodb's whole import graph, every DocumentClient command and the schemas of all of
// DynamoDB's ~60 operations, about 55 KB of every function that touches the table. @gallery/core
// hands ElectroDB a client it has already wrapped with the commands it needs
// (`electroClient()` in packages/core/src/client.ts), so ElectroDB's own copy is never read; its
// require gets this stand-in, which says what went wrong if that ever changes.
const STAND_IN = `
module.exports = new Proxy({}, {
  get(_, name) {
    if (typeof name === 'string' && name.endsWith('Command')) {
      throw new Error('ElectroDB was given a DocumentClient it must wrap itself; pass electroClient() from @gallery/core/client');
    }
    return undefined;
  },
});
`;

/** @type {import('esbuild').Plugin} */
const electrodbWithoutLibDynamodb = {
  name: 'electrodb-without-lib-dynamodb',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/lib-dynamodb$/ }, (args) =>
      /[\\/]electrodb[\\/]/.test(args.importer)
        ? { path: 'lib-dynamodb (unused by ElectroDB here)', namespace: 'electrodb-stand-in' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'electrodb-stand-in' }, () => ({
      contents: STAND_IN,
      loader: 'js',
    }));
  },
};

module.exports = [electrodbWithoutLibDynamodb];
