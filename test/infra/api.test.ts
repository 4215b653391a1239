import { Stack } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../functions/adapters/dynamodb/keys';
import { asArray, type Cfn, onlyResource, resourcesOf, type Synthesized, synthJixiao } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthJixiao();
});
afterAll(() => s?.cleanup());

const logicalId = (c: { node: { defaultChild?: unknown } }) =>
  Stack.of(c as Cfn).getLogicalId(c.node.defaultChild as CfnFunction);
const fnResource = (which: 'api' | 'sweep') => {
  const id = logicalId(s.stacks.api[which].fn);
  return { id, props: s.json.api.Resources[id].Properties };
};

/** `{ Fn::GetStackOutput }` pointing at an output of another stack whose value is `expected`. */
function crossStackValue(ref: Cfn, producer: 'data' | 'auth'): unknown {
  const out = ref?.['Fn::GetStackOutput'];
  if (!out) return undefined;
  const stack = s.stacks[producer];
  if (out.StackName !== stack.stackName) return undefined;
  return s.json[producer].Outputs?.[out.OutputName]?.Value;
}
const tableLogicalId = () => onlyResource(s.json.data, 'AWS::DynamoDB::Table')[0];
const isTableArn = (ref: Cfn) =>
  JSON.stringify(crossStackValue(ref, 'data')) === JSON.stringify({ 'Fn::GetAtt': [tableLogicalId(), 'Arn'] });
/** The index ARN `<table arn>/index/<name>` for a name in TABLE_SCHEMA. */
const indexName = (ref: Cfn): string | undefined => {
  const parts = ref?.['Fn::Join']?.[1];
  if (!Array.isArray(parts) || parts.length !== 2 || !isTableArn(parts[0])) return undefined;
  const m = /^\/index\/([A-Za-z0-9_.-]+)$/.exec(parts[1]);
  return m && TABLE_SCHEMA.indexes.some((i) => i.name === m[1]) ? m[1] : undefined;
};

describe('api stack: functions', () => {
  it.each(['api', 'sweep'] as const)(
    '%s function: Node 22 on arm64, ESM bundle handler, X-Ray, own log group',
    (which) => {
      const { props } = fnResource(which);
      expect(props.Runtime).toBe('nodejs22.x');
      expect(props.Architectures).toEqual(['arm64']);
      expect(props.Handler).toBe('index.handler');
      expect(props.TracingConfig).toEqual({ Mode: 'Active' });
      const logGroupId = props.LoggingConfig.LogGroup.Ref;
      expect(s.json.api.Resources[logGroupId].Type).toBe('AWS::Logs::LogGroup');
      expect(s.json.api.Resources[logGroupId].Properties.RetentionInDays).toBe(90);
      // its own role, not a shared one
      expect(props.Role['Fn::GetAtt'][0]).toBe(logicalId(s.stacks.api[which].role as Cfn));
    },
  );

  it('API function: cognito mode wired to the table and the user pool, source maps on, SDK notice off', () => {
    const env = fnResource('api').props.Environment.Variables;
    expect(Object.keys(env).sort()).toEqual(
      [
        'ATTACHMENT_BUCKET',
        'AUTH_MODE',
        'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
        'COGNITO_CLIENT_ID',
        'COGNITO_USER_POOL_ID',
        'NODE_OPTIONS',
        'TABLE_NAME',
      ].sort(),
    );
    expect(env.AUTH_MODE).toBe('cognito');
    expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    expect(crossStackValue(env.TABLE_NAME, 'data')).toEqual({ Ref: tableLogicalId() });
    const pool = onlyResource(s.json.auth, 'AWS::Cognito::UserPool')[0];
    const client = onlyResource(s.json.auth, 'AWS::Cognito::UserPoolClient')[0];
    expect(crossStackValue(env.COGNITO_USER_POOL_ID, 'auth')).toEqual({ Ref: pool });
    expect(crossStackValue(env.COGNITO_CLIENT_ID, 'auth')).toEqual({ Ref: client });
  });

  it('API function timeout stays under the HTTP API 30 s integration limit', () => {
    expect(fnResource('api').props.Timeout).toBeLessThan(30);
  });

  it('only the two app functions live in the API stack (no CDK helper lambdas)', () => {
    expect(resourcesOf(s.json.api, 'AWS::Lambda::Function')).toHaveLength(2);
  });
});

// Health and every sign-in step: none of them carries a bearer token (refresh and logout use the cookie).
const OPEN_KEYS = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/challenge',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
];

describe('api stack: HTTP API', () => {
  const routes = () => resourcesOf(s.json.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  it('is an HTTP API with exactly the proxy route and the open sign-in routes (no $default catch-all)', () => {
    onlyResource(s.json.api, 'AWS::ApiGatewayV2::Api');
    s.templates.api.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    expect(
      routes()
        .map((r) => r.RouteKey)
        .sort(),
    ).toEqual(['ANY /api/{proxy+}', ...OPEN_KEYS].sort());
  });

  it('puts the JWT authorizer on ANY /api/{proxy+}', () => {
    const [authorizerId] = onlyResource(s.json.api, 'AWS::ApiGatewayV2::Authorizer');
    const proxy = routes().find((r) => r.RouteKey === 'ANY /api/{proxy+}');
    expect(proxy.AuthorizationType).toBe('JWT');
    expect(proxy.AuthorizerId).toEqual({ Ref: authorizerId });
  });

  it.each(OPEN_KEYS)('leaves %s open (no authorizer)', (key) => {
    const route = routes().find((r) => r.RouteKey === key);
    expect(route.AuthorizerId).toBeUndefined();
    expect(route.AuthorizationType ?? 'NONE').toBe('NONE');
  });

  it('all routes go to the one Lambda integration (payload v2)', () => {
    const [integrationId, integration] = onlyResource(s.json.api, 'AWS::ApiGatewayV2::Integration');
    expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
    expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    expect(integration.Properties.IntegrationUri['Fn::GetAtt'][0]).toBe(fnResource('api').id);
    for (const r of routes()) expect(r.Target['Fn::Join'][1][1]).toEqual({ Ref: integrationId });
  });

  it('the JWT authorizer trusts only our user pool (issuer) and app client (audience)', () => {
    const [, authorizer] = onlyResource(s.json.api, 'AWS::ApiGatewayV2::Authorizer');
    const p = authorizer.Properties;
    expect(p.AuthorizerType).toBe('JWT');
    expect(p.IdentitySource).toEqual(['$request.header.Authorization']);
    const pool = onlyResource(s.json.auth, 'AWS::Cognito::UserPool')[0];
    const client = onlyResource(s.json.auth, 'AWS::Cognito::UserPoolClient')[0];
    expect(p.JwtConfiguration.Audience.map((a: Cfn) => crossStackValue(a, 'auth'))).toEqual([{ Ref: client }]);
    const [scheme, suffix, slash, poolRef] = p.JwtConfiguration.Issuer['Fn::Join'][1];
    expect([scheme, suffix, slash]).toEqual([
      `https://cognito-idp.${s.stacks.config.region}.`,
      { Ref: 'AWS::URLSuffix' },
      '/',
    ]);
    expect(crossStackValue(poolRef, 'auth')).toEqual({ Ref: pool });
  });

  it('the $default stage auto-deploys, throttles and writes JSON access logs kept for a year', () => {
    const [, stage] = onlyResource(s.json.api, 'AWS::ApiGatewayV2::Stage');
    const p = stage.Properties;
    expect(p.StageName).toBe('$default');
    expect(p.AutoDeploy).toBe(true);
    expect(p.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const logGroupId = p.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(s.json.api.Resources[logGroupId].Properties.RetentionInDays).toBe(365);
    const format = JSON.parse(p.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    // never a header, query string or body (tokens, form contents)
    expect(p.AccessLogSettings.Format).not.toMatch(/header|querystring|body|Authorization/i);
  });

  it('API Gateway may invoke the API function', () => {
    const perms = resourcesOf(s.json.api, 'AWS::Lambda::Permission').map(([, r]) => r.Properties);
    expect(perms.length).toBeGreaterThan(0);
    for (const p of perms) {
      expect(p.Principal).toBe('apigateway.amazonaws.com');
      expect(p.FunctionName['Fn::GetAtt'][0]).toBe(fnResource('api').id);
    }
  });
});

describe('api stack: daily deadline sweep', () => {
  it('runs every day at 01:00 Asia/Shanghai on EventBridge Scheduler, targeting the sweep function', () => {
    const [, schedule] = onlyResource(s.json.api, 'AWS::Scheduler::Schedule');
    const p = schedule.Properties;
    expect(p.ScheduleExpression).toBe('cron(0 1 * * ? *)');
    expect(p.ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(p.State).toBe('ENABLED');
    expect(p.Target.Arn['Fn::GetAtt']).toEqual([fnResource('sweep').id, 'Arn']);
    expect(p.Target.RetryPolicy.MaximumRetryAttempts).toBe(2);
  });
});

describe('api stack: least privilege', () => {
  const policies = () => resourcesOf(s.json.api, 'AWS::IAM::Policy');
  const statements = () =>
    policies().flatMap(([id, p]) =>
      (p.Properties.PolicyDocument.Statement as Cfn[]).map((st) => ({ policy: id, roles: p.Properties.Roles, ...st })),
    );
  const roleOf = (which: 'api' | 'sweep') => logicalId(s.stacks.api[which].role as Cfn);
  const dynamoOf = (which: 'api' | 'sweep') =>
    statements().filter(
      (st) =>
        st.roles.some((r: Cfn) => r.Ref === roleOf(which)) &&
        asArray(st.Action).some((a: string) => a.startsWith('dynamodb:')),
    );

  it('no statement allows a wildcard action, and no role has a managed policy', () => {
    for (const st of statements()) {
      expect(st.Effect).toBe('Allow');
      for (const a of asArray(st.Action)) expect(a, `${st.policy}`).not.toContain('*');
    }
    for (const [, role] of resourcesOf(s.json.api, 'AWS::IAM::Role'))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('every DynamoDB statement targets only the table ARN or one of its named index ARNs', () => {
    const all = [...dynamoOf('api'), ...dynamoOf('sweep')];
    expect(all.length).toBeGreaterThan(0);
    for (const st of all) {
      for (const r of asArray(st.Resource)) {
        expect(isTableArn(r) || indexName(r) !== undefined, JSON.stringify(r)).toBe(true);
      }
    }
  });

  it('the API may read and write items and query the indexes, but never Scan or manage the table', () => {
    const actions = (pred: (r: Cfn) => boolean) =>
      dynamoOf('api')
        .filter((st) => asArray(st.Resource).every(pred))
        .flatMap((st) => asArray(st.Action))
        .sort();
    expect(actions(isTableArn)).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ].sort(),
    );
    expect(actions((r) => indexName(r) !== undefined)).toEqual(['dynamodb:Query']);
    const indexResources = dynamoOf('api')
      .flatMap((st) => asArray(st.Resource))
      .map(indexName)
      .filter(Boolean);
    expect(indexResources.sort()).toEqual(TABLE_SCHEMA.indexes.map((i) => i.name).sort());
  });

  it('the sweep may only Query the indexes, and Query, PutItem, UpdateItem, GetItem and deletes (mail queue) on the table', () => {
    const st = dynamoOf('sweep');
    const onTable = st.filter((x) => asArray(x.Resource).every(isTableArn)).flatMap((x) => asArray(x.Action));
    const onIndexes = st
      .filter((x) => asArray(x.Resource).every((r) => indexName(r)))
      .flatMap((x) => asArray(x.Action));
    expect([...onTable].sort()).toEqual(
      [
        'dynamodb:BatchWriteItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ].sort(),
    );
    expect(onIndexes).toEqual(['dynamodb:Query']);
  });

  it('the other statements are scoped: own log group, X-Ray (no resource-level IAM), own user pool, sweep invoke', () => {
    const pool = onlyResource(s.json.auth, 'AWS::Cognito::UserPool')[0];
    for (const st of statements()) {
      const actions = asArray(st.Action) as string[];
      if (actions.every((a) => a.startsWith('dynamodb:'))) continue;
      if (actions.every((a) => a.startsWith('s3:'))) continue; // the attachment bucket: attachments.test.ts
      if (actions.every((a) => a.startsWith('logs:'))) {
        const [lg] = asArray(st.Resource).map((r: Cfn) => r['Fn::GetAtt']);
        expect(s.json.api.Resources[lg[0]].Type).toBe('AWS::Logs::LogGroup');
      } else if (actions.every((a) => a.startsWith('xray:'))) {
        expect(st.Resource).toBe('*');
        expect(actions.sort()).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      } else if (actions.every((a) => a.startsWith('cognito-idp:'))) {
        expect(st.roles).toEqual([{ Ref: roleOf('api') }]);
        expect(crossStackValue(st.Resource, 'auth')).toEqual({ 'Fn::GetAtt': [pool, 'Arn'] });
      } else {
        expect(actions).toEqual(['lambda:InvokeFunction']);
        for (const r of asArray(st.Resource)) expect(JSON.stringify(r)).toContain(fnResource('sweep').id);
      }
    }
  });
});
