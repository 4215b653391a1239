import { CfnOutput, Duration, Stack, type StackProps, TimeZone, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { AppFunction, bindTable, grantTableActions } from '../constructs/app-function';
import { LocalIdentity } from '../constructs/local-identity';
import { grantAttachments } from './attachments';
import { grantMail } from './mail';

export interface ApiStackProps extends StackProps {
  table: dynamodb.ITable;
  /** Cognito identity; without a pool the platform's own identity runs in the Lambda (LocalIdentity). */
  userPool?: cognito.IUserPool;
  userPoolClient?: cognito.IUserPoolClient;
  throttle: { rateLimit: number; burstLimit: number };
  /** Email through SES (CDK context `mailFrom`, `appUrl`); none when absent. */
  mail?: { from: string; appUrl?: string };
  /** Name of the attachment bucket (Data stack output); the API reads and writes its incoming/ and files/ keys. */
  attachmentBucketName?: string;
  /** The bureau's API host and its ACM certificate (China: ICP); the execute-api address is then switched off. */
  customDomain?: { domainName: string; certificateArn: string };
  /** X-Ray tracing of the functions (default on; the China regions have no Lambda X-Ray integration). */
  xray?: boolean;
}

/** Routes that answer without a token (docs/api.md). Everything else under /api goes through the JWT authorizer. */
export const OPEN_ROUTES = [
  { method: apigw.HttpMethod.GET, path: '/api/health' },
  { method: apigw.HttpMethod.POST, path: '/api/auth/login' },
  // The first-sign-in password change, refresh (cookie) and sign-out carry no bearer token either.
  { method: apigw.HttpMethod.POST, path: '/api/auth/challenge' },
  { method: apigw.HttpMethod.POST, path: '/api/auth/refresh' },
  { method: apigw.HttpMethod.POST, path: '/api/auth/logout' },
] as const;

/**
 * What the daily deadline sweep may do (core/use-cases/review/sweep-deadlines.ts): list units, users and
 * each unit's open inbox tasks (Query on GSI1), mark overdue ones (UpdateItem); list open campaigns
 * (Query on GSI2), read a due campaign's board and the stored calendar years (Query on the table),
 * and deliver reminders (PutItem of notifications, UpdateItem of board rows and unread counters, in
 * one TransactWriteItems); email: retry queued messages and send the daily digests. No Scan.
 */
export const SWEEP_ACCESS = {
  // Mail (core/use-cases/notifications/mail.ts): the sweep reads each digest user (GetItem), deletes sent digest items
  // (BatchWriteItem) and retried messages (DeleteItem).
  table: [
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
    'dynamodb:GetItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
  ],
  indexes: ['dynamodb:Query'],
};

/**
 * Stateless stack: the Hono app as one Lambda behind an HTTP API (JWT authorizer against the
 * Cognito pool on every route but the open ones), and the daily deadline sweep on EventBridge
 * Scheduler.
 */
export class ApiStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  readonly api: AppFunction;
  readonly sweep: AppFunction;
  /** Only with the platform's own identity (no user pool). */
  readonly localIdentity?: LocalIdentity;
  private readonly customApiDomain?: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { table, userPool, userPoolClient } = props;
    const xray = props.xray ?? true;

    const cognitoEnv: Record<string, string> =
      userPool && userPoolClient
        ? {
            TABLE_NAME: table.tableName,
            AUTH_MODE: 'cognito',
            COGNITO_USER_POOL_ID: userPool.userPoolId,
            COGNITO_CLIENT_ID: userPoolClient.userPoolClientId,
          }
        : { TABLE_NAME: table.tableName, AUTH_MODE: 'local' };

    // --- The API function -------------------------------------------------------------------
    this.api = new AppFunction(this, 'Api', {
      entry: 'functions/entry/lambda.ts',
      description: 'Jixiao HTTP API (Hono)',
      environment: cognitoEnv,
      xray,
      memorySize: 1024,
      timeout: Duration.seconds(25), // under the HTTP API's 30 s integration limit
    });
    bindTable(this.api.fn, table, 'readWrite');
    if (props.attachmentBucketName) grantAttachments(this.api, props.attachmentBucketName);
    if (!userPool) {
      this.localIdentity = new LocalIdentity(this, 'LocalIdentity', { xray });
      this.localIdentity.bind(this.api);
    }
    // POST /api/admin/users: in cloud mode the app creates and maintains the Cognito identity.
    if (userPool)
      this.api.role.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ManageOwnUserPool',
          actions: [
            'cognito-idp:AdminCreateUser',
            'cognito-idp:AdminSetUserPassword',
            'cognito-idp:AdminGetUser',
            'cognito-idp:AdminDisableUser',
            'cognito-idp:AdminEnableUser',
          ],
          resources: [userPool.userPoolArn],
        }),
      );

    // --- HTTP API ----------------------------------------------------------------------------
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });

    // China: the API answers only on the bureau's ICP-filed host (CloudFront's origin), never on execute-api.
    const domainName = props.customDomain
      ? new apigw.DomainName(this, 'ApiDomain', {
          domainName: props.customDomain.domainName,
          certificate: acm.Certificate.fromCertificateArn(this, 'ApiCertificate', props.customDomain.certificateArn),
          securityPolicy: apigw.SecurityPolicy.TLS_1_2,
        })
      : undefined;
    this.customApiDomain = props.customDomain?.domainName;
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Jixiao API (served to browsers through CloudFront /api/*)',
      createDefaultStage: false,
      ...(domainName ? { disableExecuteApiEndpoint: true } : {}),
    });
    this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      ...(domainName ? { domainMapping: { domainName } } : {}),
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // No headers, no query strings, no bodies: tokens and form contents never reach the log.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const integration = new HttpLambdaIntegration('AppIntegration', this.api.fn);
    const authorizer =
      userPool && userPoolClient
        ? new HttpJwtAuthorizer(
            'CognitoJwt',
            `https://cognito-idp.${this.region}.${this.urlSuffix}/${userPool.userPoolId}`,
            { jwtAudience: [userPoolClient.userPoolClientId], identitySource: ['$request.header.Authorization'] },
          )
        : undefined;

    const [proxy] = this.httpApi.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.ANY],
      integration,
      ...(authorizer ? { authorizer } : {}),
    });
    if (!authorizer)
      Validations.of(proxy).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Own identity: the Lambda verifies the HS256 token on every route (API Gateway JWT authorizers take RS256 keys only).',
      });
    for (const r of OPEN_ROUTES) {
      const [route] = this.httpApi.addRoutes({ path: r.path, methods: [r.method], integration });
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${r.method} ${r.path} is public by design (docs/api.md): health check and sign-in steps carry no bearer token.`,
      });
    }

    // --- Daily deadline sweep ------------------------------------------------------------------
    this.sweep = new AppFunction(this, 'DeadlineSweep', {
      entry: 'functions/entry/deadline-sweep.ts',
      description: 'Jixiao daily deadline sweep (overdue review tasks, campaign reminders)',
      environment: cognitoEnv,
      xray,
      memorySize: 512,
      timeout: Duration.minutes(5),
    });
    grantTableActions(this.sweep.fn, table, SWEEP_ACCESS);
    if (props.mail) grantMail(this, props.mail, [this.api, this.sweep]);

    const sweepTarget = new LambdaInvoke(this.sweep.fn, { retryAttempts: 2, maxEventAge: Duration.hours(2) });
    new scheduler.Schedule(this, 'DeadlineSweepSchedule', {
      description: 'Daily deadline sweep at 01:00 China Standard Time',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '1', timeZone: TimeZone.ASIA_SHANGHAI }),
      target: sweepTarget,
    });
    // LambdaInvoke's role may invoke the sweep function and its versions/aliases (<arn>:*), nothing else.
    const schedulerRole = this.node.children.find((c) => c.node.id.startsWith('SchedulerRoleForTarget'));
    if (!schedulerRole) throw new Error('scheduler target role not found');
    const sweepLogicalId = this.getLogicalId(this.sweep.fn.node.defaultChild as lambda.CfnFunction);
    Validations.of(schedulerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${sweepLogicalId}.Arn>:*]`,
      reason: 'The scheduler role may invoke versions/aliases (<arn>:*) of the sweep function only.',
    });

    if (domainName)
      new CfnOutput(this, 'ApiDomainTarget', {
        value: domainName.regionalDomainName,
        description: `DNS: CNAME ${props.customDomain?.domainName} to this name`,
      });
    else new CfnOutput(this, 'ApiEndpoint', { value: this.httpApi.apiEndpoint, description: 'HTTP API (direct)' });
    new CfnOutput(this, 'ApiFunctionName', { value: this.api.fn.functionName });
  }

  /** Host name of the HTTP API for the CloudFront origin: the custom domain (China), else the default endpoint. */
  get apiDomainName(): string {
    if (this.customApiDomain) return this.customApiDomain;
    return `${this.httpApi.apiId}.execute-api.${this.region}.${this.urlSuffix}`;
  }
}
