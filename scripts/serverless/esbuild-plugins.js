// esbuild plugins for every service's bundles (serverless-esbuild's `plugins` option in
// services/serverless.shared.yml; the cold-start benchmark and tests/bundled.int.test.ts of the api
// load the same file through @gallery/testing/deploy-build).
//
// Both replace a module ElectroDB requires with a small stand-in, and only for ElectroDB: other
// importers get the real module. services/api/tests/bundled.int.test.ts runs the data layer
// bundled this way against DynamoDB Local.
'use strict';

// ElectroDB's client module does `require('@aws-sdk/lib-dynamodb')` to build commands for a
// DocumentClient it wraps itself. esbuild cannot tree-shake an ES module that is `require`d: it
// keeps lib-dynamodb's whole import graph, every DocumentClient command and the schemas of all of
// DynamoDB's ~60 operations, about 55 KB of every function that touches the table. @gallery/core
// hands ElectroDB a client it has already wrapped with the commands it needs
// (`electroClient()` in packages/core/src/client.ts), so ElectroDB's own copy is never read; its
// require gets this stand-in, which says what went wrong if that ever changes.
const LIB_DYNAMODB_STAND_IN = `
module.exports = new Proxy({}, {
  get(_, name) {
    if (typeof name === 'string' && name.endsWith('Command')) {
      throw new Error('ElectroDB was given a DocumentClient it must wrap itself; pass electroClient() from @gallery/core/client');
    }
    return undefined;
  },
});
`;

// ElectroDB checks each model definition against a JSON Schema (the jsonschema package) when it
// builds an entity: 28 KB of every bundle and ~2 ms per entity on each cold start, to re-check
// definitions that are constant code. The tests check every model with the real validator
// (packages/core/tests/table-definition.test.ts builds them all, unbundled). The stand-in keeps the
// one other answer ElectroDB asks of the validator, "is this a model, or an entity or a service?"
// (a Service accepts either), which the `_instance` marker of ElectroDB's own instances gives.
// ElectroDB's `createSchema` (unused here) would also go unchecked in bundles.
const JSONSCHEMA_STAND_IN = `
function Validator() {}
Validator.prototype.customFormats = {};
Validator.prototype.addSchema = function () {};
Validator.prototype.validate = function (instance) {
  var isInstance = instance !== null && typeof instance === 'object' && instance._instance !== undefined;
  return { errors: isInstance ? [{ property: 'instance', message: 'is an ElectroDB entity or service' }] : [] };
};
module.exports = { Validator: Validator };
`;

/**
 * @param {string} pluginName
 * @param {RegExp} filter the import path to replace
 * @param {string} contents the stand-in's CommonJS source
 * @returns {import('esbuild').Plugin}
 */
function electrodbStandIn(pluginName, filter, contents) {
  const namespace = `${pluginName}-stand-in`;
  return {
    name: pluginName,
    setup(build) {
      build.onResolve({ filter }, (args) =>
        /[\\/]node_modules[\\/]electrodb[\\/]/.test(args.importer)
          ? { path: args.path, namespace }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace }, () => ({ contents, loader: 'js' }));
    },
  };
}

module.exports = [
  electrodbStandIn('electrodb-without-lib-dynamodb', /^@aws-sdk\/lib-dynamodb$/, LIB_DYNAMODB_STAND_IN),
  electrodbStandIn('electrodb-without-jsonschema', /^jsonschema$/, JSONSCHEMA_STAND_IN),
];
