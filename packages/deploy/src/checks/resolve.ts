// Evaluates the intrinsic functions of a deployed template against what the emulator created, to
// know the value each property must have: Ref, Fn::GetAtt (the attributes the checks need),
// Fn::Sub, Fn::Join, Fn::Select and pseudo parameters. Dynamic references ({{resolve:...}}) stay
// text: CloudFormation resolves them, moto does not.

import { type DeployedStack, type Json, isObject } from './model';

/** A reference to a resource the emulator did not create, or gives no id: the value cannot be known here. */
export class NotEmulatedReferenceError extends Error {
  override name = 'NotEmulatedReferenceError';
  constructor(readonly logicalId: string) {
    super(`references ${logicalId}, which the emulator does not create or gives no id`);
  }
}

export class UnresolvableError extends Error {
  override name = 'UnresolvableError';
}

type Context = Pick<DeployedStack, 'resources' | 'region' | 'accountId' | 'stackName' | 'template'>;

function pseudo(name: string, stack: Context): string | undefined {
  const values: Record<string, string> = {
    'AWS::Region': stack.region,
    'AWS::AccountId': stack.accountId,
    'AWS::Partition': 'aws',
    'AWS::StackName': stack.stackName,
    'AWS::URLSuffix': 'amazonaws.com',
  };
  return values[name];
}

function physicalId(logicalId: string, stack: Context): { type: string; physicalId: string } {
  const resource = stack.resources.get(logicalId);
  // moto lists some resources without a physical id (a Lambda version): nothing to compare with.
  if (resource?.physicalId) return resource;
  if (stack.template.Resources[logicalId]) throw new NotEmulatedReferenceError(logicalId);
  throw new UnresolvableError(`${logicalId} is not a resource of ${stack.stackName}`);
}

function ref(name: string, stack: Context): string {
  return pseudo(name, stack) ?? physicalId(name, stack).physicalId;
}

/** The ARN-like attributes of the types the checks meet, from the physical id the emulator gives. */
function getAtt(logicalId: string, attribute: string, stack: Context): string {
  const { type, physicalId: id } = physicalId(logicalId, stack);
  const { region, accountId } = stack;
  const arns: Record<string, () => string> = {
    'AWS::Lambda::Function': () => `arn:aws:lambda:${region}:${accountId}:function:${id}`,
    'AWS::IAM::Role': () => `arn:aws:iam::${accountId}:role/${id}`,
    'AWS::SQS::Queue': () => `arn:aws:sqs:${region}:${accountId}:${id.split('/').pop()}`,
    'AWS::S3::Bucket': () => `arn:aws:s3:::${id}`,
    'AWS::DynamoDB::Table': () => `arn:aws:dynamodb:${region}:${accountId}:table/${id}`,
    'AWS::Cognito::UserPool': () => `arn:aws:cognito-idp:${region}:${accountId}:userpool/${id}`,
    'AWS::Logs::LogGroup': () => `arn:aws:logs:${region}:${accountId}:log-group:${id}:*`,
    'AWS::Events::Rule': () => `arn:aws:events:${region}:${accountId}:rule/${id}`,
    // The physical id of a state machine is its ARN.
    'AWS::StepFunctions::StateMachine': () => id,
  };
  if (attribute === 'Arn' && arns[type]) return arns[type]();
  if (type === 'AWS::SQS::Queue' && attribute === 'QueueName') return id.split('/').pop() ?? id;
  throw new UnresolvableError(`Fn::GetAtt ${logicalId}.${attribute} (${type})`);
}

function sub(text: string, variables: Record<string, Json>, stack: Context): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, expression: string) => {
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    if (expression in variables) return String(resolve(variables[expression] ?? '', stack));
    const [id = '', attribute] = expression.split('.');
    return attribute ? getAtt(id, attribute, stack) : ref(id, stack);
  });
}

/** The value a template expression has in the deployed stack. */
export function resolve(value: Json, stack: Context): Json {
  if (Array.isArray(value)) return value.map((item) => resolve(item, stack));
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [key] = keys as [string];
    const argument = value[key] as Json;
    if (key === 'Ref' && typeof argument === 'string') return ref(argument, stack);
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = Array.isArray(argument)
        ? argument.map(String)
        : String(argument).split(/\.(.*)/);
      return getAtt(id ?? '', attribute ?? '', stack);
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
      return sub(String(text), isObject(variables) ? variables : {}, stack);
    }
    if (key === 'Fn::Join' && Array.isArray(argument)) {
      const [separator, parts] = argument;
      return (resolve(parts ?? [], stack) as Json[]).map(String).join(String(separator));
    }
    if (key === 'Fn::Select' && Array.isArray(argument)) {
      const list = resolve(argument[1] ?? [], stack) as Json[];
      return list[Number(argument[0])] ?? null;
    }
    if (key.startsWith('Fn::') || key === 'Condition')
      throw new UnresolvableError(`${key} is not evaluated here`);
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, resolve(child, stack)]));
}

/** Like resolve, but undefined for a value that names a resource the emulator did not create. */
export function resolveIfEmulated(value: Json, stack: Context): Json | undefined {
  try {
    return resolve(value, stack);
  } catch (error) {
    if (error instanceof NotEmulatedReferenceError) return undefined;
    throw error;
  }
}
