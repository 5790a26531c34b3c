'use strict';

// osls has no per-function IAM: by default every function of a service shares one role holding the
// union of all permissions. This plugin gives each function its own role holding only
// - CloudWatch Logs write access to that function's own log group, and
// - the statements listed under the function's `iamStatements` (next to its handler, in config.yml),
// - and, when the function has active X-Ray tracing (provider.tracing.lambda or its own `tracing`),
//   the two X-Ray write actions Lambda needs to send its segments (X-Ray has no resource-level
//   permissions: their resource is `*`, the one exception check-templates allows).
// Wildcard actions are rejected at package time, so a `*` never reaches a deployed policy.
// A Lambda@Edge function (one with a `cloudFront` event) is also assumable by edgelambda, and logs
// where Lambda@Edge logs: to `/aws/lambda/us-east-1.<name>` in whichever region served the request.

const trustPolicy = (edge) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: {
        Service: edge ? ['lambda.amazonaws.com', 'edgelambda.amazonaws.com'] : ['lambda.amazonaws.com'],
      },
      Action: ['sts:AssumeRole'],
    },
  ],
});

/** The log group a Lambda@Edge replica writes to, in every region it runs in. */
function edgeLogGroupName(logGroupName) {
  return logGroupName.replace(/^\/aws\/lambda\//, '/aws/lambda/us-east-1.');
}

const statementSchema = {
  type: 'object',
  properties: {
    Sid: { type: 'string' },
    Effect: { enum: ['Allow', 'Deny'] },
    Action: { type: 'array', items: { type: 'string' }, minItems: 1 },
    Resource: { anyOf: [{ type: 'array', minItems: 1 }, { type: 'string' }, { type: 'object' }] },
    Condition: { type: 'object' },
  },
  required: ['Effect', 'Action', 'Resource'],
  additionalProperties: false,
};

/** Throws when a statement would grant a wildcard action (`*`, `s3:*`, `s3:Get*`). */
function assertNoWildcardActions(functionName, statements, ErrorClass = Error) {
  for (const statement of statements) {
    for (const action of statement.Action) {
      if (action.includes('*')) {
        throw new ErrorClass(
          `Function "${functionName}": IAM action "${action}" contains a wildcard; name exact actions.`,
        );
      }
    }
  }
}

/** What Lambda's active tracing needs of the function's role (AWSXRayDaemonWriteAccess, less its sampling reads). */
const XRAY_STATEMENT = {
  Effect: 'Allow',
  Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
  Resource: ['*'],
};

/** True when the function's segments go to X-Ray: its own `tracing`, else the provider's. */
function tracesActively(fn, provider) {
  const mode = fn.tracing ?? provider.tracing?.lambda;
  return mode === true || mode === 'Active';
}

/**
 * The role of one function, as a CloudFormation resource. Pure: unit-tested without osls.
 * @param {{ logGroupName: string, statements: object[], edge?: boolean, tracing?: boolean }} input
 */
function buildFunctionRole({ logGroupName, statements, edge = false, tracing = false }) {
  const logGroupArn = {
    'Fn::Sub': `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${logGroupName}:*`,
  };
  const logStatement = edge
    ? // Lambda creates these log groups itself, one per region the function runs in.
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [
          logGroupArn,
          {
            'Fn::Sub': `arn:\${AWS::Partition}:logs:*:\${AWS::AccountId}:log-group:${edgeLogGroupName(logGroupName)}:*`,
          },
        ],
      }
    : // The log group itself is created by the stack, so CreateLogGroup is not needed.
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [logGroupArn] };
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: trustPolicy(edge),
      Policies: [
        {
          PolicyName: 'function',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [logStatement, ...(tracing ? [XRAY_STATEMENT] : []), ...statements],
          },
        },
      ],
    },
  };
}

class PerFunctionIamPlugin {
  constructor(serverless) {
    this.serverless = serverless;
    serverless.configSchemaHandler.defineFunctionProperties('aws', {
      properties: { iamStatements: { type: 'array', items: statementSchema } },
    });
    this.hooks = {
      // Must run before osls decides (in setupProviderConfiguration) whether it needs its shared role.
      'before:package:setupProviderConfiguration': () => this.addRoles(),
    };
  }

  addRoles() {
    const { service } = this.serverless;
    const provider = this.serverless.getProvider('aws');
    const resources = service.provider.compiledCloudFormationTemplate.Resources;
    if (service.provider.role || service.provider.iam?.role) {
      throw new this.serverless.classes.Error(
        'per-function-iam: remove provider-level roles; every function gets its own role.',
      );
    }
    for (const functionName of service.getAllFunctions()) {
      const fn = service.getFunction(functionName);
      if (fn.role) {
        throw new this.serverless.classes.Error(
          `per-function-iam: function "${functionName}" sets "role"; use "iamStatements" instead.`,
        );
      }
      const statements = fn.iamStatements ?? [];
      assertNoWildcardActions(functionName, statements, this.serverless.classes.Error);
      const roleLogicalId = `${provider.naming.getNormalizedFunctionName(functionName)}IamRole`;
      resources[roleLogicalId] = buildFunctionRole({
        logGroupName: provider.naming.getLogGroupName(fn.name),
        statements,
        edge: (fn.events ?? []).some((event) => event.cloudFront !== undefined),
        tracing: tracesActively(fn, service.provider),
      });
      // A logical id makes osls emit Fn::GetAtt + DependsOn for the function.
      fn.role = roleLogicalId;
      delete fn.iamStatements;
    }
  }
}

module.exports = PerFunctionIamPlugin;
module.exports.buildFunctionRole = buildFunctionRole;
module.exports.assertNoWildcardActions = assertNoWildcardActions;
module.exports.tracesActively = tracesActively;
module.exports.XRAY_STATEMENT = XRAY_STATEMENT;
module.exports.edgeLogGroupName = edgeLogGroupName;
