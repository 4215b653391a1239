import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASH_ROUTES_META, withHashRoutes } from '../../infra/stacks/web-stack';
import { asArray, type Cfn, nagViolations, resourcesOf } from './synth';
import { CHINA_CONTEXT, type SynthesizedChina, synthChina } from './synth-cn';

// cn-northwest-1 (宁夏) with the ICP-filed domain; CDK's CloudFormation validation of the region's resource
// types runs during synth, so a resource China lacks fails here before any assertion.
let s: SynthesizedChina;
beforeAll(() => {
  s = synthChina();
});
afterAll(() => s?.cleanup());

const all = () => JSON.stringify([s.json.data, s.json.api, s.json.web]);
const only = (t: Cfn, type: string) => {
  const found = resourcesOf(t, type);
  expect(found, type).toHaveLength(1);
  return found[0][1].Properties;
};
const fn = (logicalIdPart: string) =>
  resourcesOf(s.json.api, 'AWS::Lambda::Function').find(([id]) => id.startsWith(logicalIdPart))?.[1].Properties;
const statements = (t: Cfn) =>
  resourcesOf(t, 'AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Cfn[]);

describe('China (aws-cn): partition', () => {
  it('has no arn:aws: ARN anywhere: every ARN is built from AWS::Partition or a China ARN', () => {
    expect(all()).not.toMatch(/arn:aws:/);
    expect(all()).toContain('AWS::Partition');
  });

  it('execution roles trust lambda.amazonaws.com (CDK renders service principals the same in aws-cn)', () => {
    const trusts = resourcesOf(s.json.api, 'AWS::IAM::Role').map(
      ([, r]) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service,
    );
    expect(trusts).toContain('lambda.amazonaws.com');
    expect(JSON.stringify(trusts)).not.toContain('.amazonaws.com.cn');
  });

  it('cdk-nag AwsSolutions: zero unacknowledged findings, no error or warning annotations', () => {
    expect(nagViolations(s.app)).toEqual([]);
    for (const stack of [s.stacks.data, s.stacks.api, s.stacks.web]) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });
});

describe('China (aws-cn): the platform’s own identity, no Cognito, no SES, no X-Ray', () => {
  it('has no Auth stack and no Cognito resource, authorizer or permission', () => {
    expect(s.stacks.auth).toBeUndefined();
    expect(s.app.node.tryFindChild('Jixiao-test-Auth')).toBeUndefined();
    expect(all()).not.toMatch(/AWS::Cognito::|cognito-idp/);
    expect(resourcesOf(s.json.api, 'AWS::ApiGatewayV2::Authorizer')).toEqual([]);
  });

  it('the API runs AUTH_MODE=local with its signing key read from a generated secret, never from the template', () => {
    const env = fn('ApiFunction').Environment.Variables;
    expect(env.AUTH_MODE).toBe('local');
    expect(env.JWT_SECRET).toBeUndefined();
    expect(Object.keys(env).filter((k) => k.startsWith('COGNITO'))).toEqual([]);
    const [secretId, secret] = resourcesOf(s.json.api, 'AWS::SecretsManager::Secret')[0];
    expect(env.JWT_SECRET_ARN).toEqual({ Ref: secretId });
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
    // Besides the key's rotation function (signing-key-rotation.test.ts), which also writes it.
    const reads = statements(s.json.api).filter(
      (st) =>
        asArray(st.Action).includes('secretsmanager:GetSecretValue') &&
        !asArray(st.Action).includes('secretsmanager:PutSecretValue'),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0].Resource).toEqual({ Ref: secretId });
    // The sweep verifies no tokens: it never gets the key.
    expect(fn('DeadlineSweepFunction').Environment.Variables).toMatchObject({ AUTH_MODE: 'local' });
    expect(fn('DeadlineSweepFunction').Environment.Variables.JWT_SECRET_ARN).toBeUndefined();
  });

  it('sends no mail through SES and traces nothing with X-Ray (neither exists for Lambda in China)', () => {
    expect(all()).not.toMatch(/AWS::SES::|"ses:/);
    for (const id of ['ApiFunction', 'DeadlineSweepFunction']) expect(fn(id).TracingConfig).toBeUndefined();
    expect(all()).not.toContain('xray:');
    expect(all()).not.toContain('MAIL_FROM');
  });

  it('every route reaches the Lambda, which checks the token itself', () => {
    const routes = resourcesOf(s.json.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r.RouteKey)).toContain('ANY /api/{proxy+}');
    for (const r of routes) expect(r.AuthorizationType ?? 'NONE').toBe('NONE');
  });
});

describe('China (aws-cn): the ICP-filed domain', () => {
  it('CloudFront serves the alternate domain with the IAM server certificate, SNI, TLS 1.2', () => {
    const config = only(s.json.web, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.Aliases).toEqual([CHINA_CONTEXT.domainName]);
    expect(config.ViewerCertificate).toEqual({
      IamCertificateId: CHINA_CONTEXT.iamCertificateId,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    expect(config.HttpVersion).toBe('http2');
    expect(config.PriceClass).toBeUndefined();
    expect(s.json.web.Outputs.WebUrl.Value).toBe(`https://${CHINA_CONTEXT.domainName}`);
  });

  it('uses what CloudFront China has: an origin access identity, no CloudFront Function, the security headers', () => {
    expect(resourcesOf(s.json.web, 'AWS::CloudFront::Function')).toEqual([]);
    expect(resourcesOf(s.json.web, 'AWS::CloudFront::OriginAccessControl')).toEqual([]);
    only(s.json.web, 'AWS::CloudFront::CloudFrontOriginAccessIdentity');
    only(s.json.web, 'AWS::CloudFront::ResponseHeadersPolicy');
    const config = only(s.json.web, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.DefaultCacheBehavior.FunctionAssociations).toBeUndefined();
  });

  it('the API answers on api.<domain> with the ACM certificate only; execute-api is off; CloudFront goes there', () => {
    const domain = only(s.json.api, 'AWS::ApiGatewayV2::DomainName');
    expect(domain.DomainName).toBe(`api.${CHINA_CONTEXT.domainName}`);
    expect(domain.DomainNameConfigurations[0]).toMatchObject({
      CertificateArn: CHINA_CONTEXT.apiCertificateArn,
      SecurityPolicy: 'TLS_1_2',
    });
    expect(only(s.json.api, 'AWS::ApiGatewayV2::Api').DisableExecuteApiEndpoint).toBe(true);
    only(s.json.api, 'AWS::ApiGatewayV2::ApiMapping');
    const origins = only(s.json.web, 'AWS::CloudFront::Distribution').DistributionConfig.Origins as Cfn[];
    expect(origins.map((o) => o.DomainName)).toContain(`api.${CHINA_CONTEXT.domainName}`);
    expect(s.json.api.Outputs.ApiDomainTarget).toBeDefined();
    expect(s.json.web.Outputs.WebDomainTarget).toBeDefined();
  });

  it('the deployed index.html tells the web app to route by hash (no SPA fallback at the edge)', () => {
    const html = '<!doctype html><html><head><title>绩效</title></head><body></body></html>';
    expect(withHashRoutes(html)).toContain(`${HASH_ROUTES_META}</head>`);
    expect(withHashRoutes(withHashRoutes(html))).toBe(withHashRoutes(html));
    expect(() => withHashRoutes('<p>broken</p>')).toThrow(/no <\/head>/);
    expect(resourcesOf(s.json.web, 'Custom::CDKBucketDeployment')).toHaveLength(1);
  });
});

describe('China (aws-cn): cn-north-1 (北京) as well', () => {
  it('synthesizes clean', () => {
    const beijing = synthChina({
      region: 'cn-north-1',
      apiCertificateArn: CHINA_CONTEXT.apiCertificateArn.replace('cn-northwest-1', 'cn-north-1'),
    });
    try {
      expect(JSON.stringify([beijing.json.data, beijing.json.api, beijing.json.web])).not.toMatch(/arn:aws:/);
      expect(nagViolations(beijing.app)).toEqual([]);
      expect(beijing.stacks.api.region).toBe('cn-north-1');
    } finally {
      beijing.cleanup();
    }
  });
});
