// How each CloudFormation resource type is checked. A stack with a type missing here fails the
// emulator deploy: add the type (an API check when moto's CloudFormation creates it, a template
// check when it skips it) in the module of its AWS service.

import { httpApi, httpApiAuthorizer, httpApiIntegration, httpApiRoute, httpApiStage } from './apigatewayv2';
import { cloudwatchAlarm, cloudwatchDashboard } from './cloudwatch';
import {
  cloudFrontCachePolicy,
  cloudFrontDistribution,
  cloudFrontFunction,
  cloudFrontKeyGroup,
  cloudFrontOriginAccessControl,
  cloudFrontPublicKey,
  cloudFrontResponseHeadersPolicy,
} from './cloudfront';
import { cognitoUserPool, cognitoUserPoolClient } from './cognito';
import { dynamodbTable } from './dynamodb';
import { eventsRule } from './events';
import { iamPolicy, iamRole } from './iam';
import { lambdaEventInvokeConfig, lambdaFunction, lambdaPermission, lambdaVersion } from './lambda';
import { lambdaEventSourceMapping } from './lambda-event-source';
import { logGroup } from './logs';
import { s3Bucket, s3BucketPolicy } from './s3';
import { secret } from './secretsmanager';
import { snsSubscription, snsTopic } from './sns';
import { sqsQueue } from './sqs';
import { stateMachine } from './stepfunctions';
import type { ResourceCheck } from './types';

export const RESOURCE_CHECKS: Record<string, ResourceCheck> = {
  'AWS::ApiGatewayV2::Api': httpApi,
  'AWS::ApiGatewayV2::Authorizer': httpApiAuthorizer,
  'AWS::ApiGatewayV2::Integration': httpApiIntegration,
  'AWS::ApiGatewayV2::Route': httpApiRoute,
  'AWS::ApiGatewayV2::Stage': httpApiStage,
  'AWS::CloudWatch::Alarm': cloudwatchAlarm,
  'AWS::CloudWatch::Dashboard': cloudwatchDashboard,
  'AWS::CloudFront::CachePolicy': cloudFrontCachePolicy,
  'AWS::CloudFront::Distribution': cloudFrontDistribution,
  'AWS::CloudFront::Function': cloudFrontFunction,
  'AWS::CloudFront::KeyGroup': cloudFrontKeyGroup,
  'AWS::CloudFront::OriginAccessControl': cloudFrontOriginAccessControl,
  'AWS::CloudFront::PublicKey': cloudFrontPublicKey,
  'AWS::CloudFront::ResponseHeadersPolicy': cloudFrontResponseHeadersPolicy,
  'AWS::Cognito::UserPool': cognitoUserPool,
  'AWS::Cognito::UserPoolClient': cognitoUserPoolClient,
  'AWS::DynamoDB::Table': dynamodbTable,
  'AWS::Events::Rule': eventsRule,
  'AWS::IAM::Policy': iamPolicy,
  'AWS::IAM::Role': iamRole,
  'AWS::Lambda::EventInvokeConfig': lambdaEventInvokeConfig,
  'AWS::Lambda::EventSourceMapping': lambdaEventSourceMapping,
  'AWS::Lambda::Function': lambdaFunction,
  'AWS::Lambda::Permission': lambdaPermission,
  'AWS::Lambda::Version': lambdaVersion,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::S3::Bucket': s3Bucket,
  'AWS::S3::BucketPolicy': s3BucketPolicy,
  'AWS::SecretsManager::Secret': secret,
  'AWS::SNS::Subscription': snsSubscription,
  'AWS::SNS::Topic': snsTopic,
  'AWS::SQS::Queue': sqsQueue,
  'AWS::StepFunctions::StateMachine': stateMachine,
};
