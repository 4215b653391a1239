import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../infra/stacks/web-stack';
import { type Cfn, nagViolations, onlyResource, resourcesOf, type Synthesized, synthJixiao } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthJixiao(); // no web build: BucketDeployment must be skipped, synth must still work
});
afterAll(() => s?.cleanup());

// AWS managed CloudFront policies (fixed ids).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const distribution = () => onlyResource(s.json.web, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
const originById = (id: string) => distribution().Origins.find((o: Cfn) => o.Id === id);
const bucketId = (which: 'bucket' | 'logBucket') =>
  s.stacks.web.getLogicalId(s.stacks.web[which].node.defaultChild as Cfn);

describe('web stack: buckets', () => {
  it.each(['bucket', 'logBucket'] as const)(
    '%s blocks all public access, is encrypted and denies non-TLS requests',
    (which) => {
      const bucket = s.json.web.Resources[bucketId(which)];
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(
        bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
      ).toEqual({
        SSEAlgorithm: 'AES256',
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
      const [, policy] = resourcesOf(s.json.web, 'AWS::S3::BucketPolicy').find(
        ([, p]) => p.Properties.Bucket.Ref === bucketId(which),
      ) as [string, Cfn];
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    },
  );

  it('the web bucket writes server access logs to the log bucket', () => {
    expect(s.json.web.Resources[bucketId('bucket')].Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: bucketId('logBucket') },
      LogFilePrefix: 's3-web/',
    });
  });

  it('only CloudFront (this distribution, via OAC) may read the web bucket', () => {
    const [distId] = onlyResource(s.json.web, 'AWS::CloudFront::Distribution');
    const [, policy] = resourcesOf(s.json.web, 'AWS::S3::BucketPolicy').find(
      ([, p]) => p.Properties.Bucket.Ref === bucketId('bucket'),
    ) as [string, Cfn];
    const allows = policy.Properties.PolicyDocument.Statement.filter((st: Cfn) => st.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0].Action).toBe('s3:GetObject');
    expect(JSON.stringify(allows[0].Condition)).toContain(distId);
  });

  it('without a web build there is no BucketDeployment (synth works before `npm run build:web`)', () => {
    expect(resourcesOf(s.json.web, 'Custom::CDKBucketDeployment')).toHaveLength(0);
    expect(resourcesOf(s.json.web, 'AWS::Lambda::Function')).toHaveLength(0);
  });

  it('cdk-nag is clean without a web build too', () => {
    expect(nagViolations(s.app)).toEqual([]);
  });
});

describe('web stack: CloudFront', () => {
  it('default behaviour: S3 through Origin Access Control, HTTPS, cached, SPA rewrite on viewer request', () => {
    const d = distribution();
    const def = d.DefaultCacheBehavior;
    const origin = originById(def.TargetOriginId);
    const [oacId, oac] = onlyResource(s.json.web, 'AWS::CloudFront::OriginAccessControl');
    expect(origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin.DomainName['Fn::GetAtt']).toEqual([bucketId('bucket'), 'RegionalDomainName']);
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    expect(def.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(def.CachePolicyId).toBe(CACHING_OPTIMIZED);
    const [fnId] = onlyResource(s.json.web, 'AWS::CloudFront::Function');
    expect(def.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
    ]);
    expect(d.DefaultRootObject).toBe('index.html');
  });

  it('no distribution-wide error responses (they would rewrite genuine API 403/404 answers)', () => {
    expect(distribution().CustomErrorResponses).toBeUndefined();
  });

  it('/api/* goes to the HTTP API over HTTPS, uncached, with all viewer headers but Host, all methods', () => {
    const d = distribution();
    expect(d.CacheBehaviors).toHaveLength(1);
    const api = d.CacheBehaviors[0];
    expect(api.PathPattern).toBe('/api/*');
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api.OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    expect([...api.AllowedMethods].sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(api.FunctionAssociations).toBeUndefined();
    const origin = originById(api.TargetOriginId);
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    // <apiId>.execute-api.<region>.<urlSuffix>, the apiId read from the API stack's output
    const parts = origin.DomainName['Fn::Join'][1];
    const out = parts[0]['Fn::GetStackOutput'];
    expect(out.StackName).toBe(s.stacks.api.stackName);
    const [apiId] = onlyResource(s.json.api, 'AWS::ApiGatewayV2::Api');
    expect(s.json.api.Outputs[out.OutputName].Value).toEqual({ Ref: apiId });
    expect(parts[1]).toBe(`.execute-api.${s.stacks.config.region}.`);
  });

  it('both behaviours carry the security headers policy', () => {
    const [policyId] = onlyResource(s.json.web, 'AWS::CloudFront::ResponseHeadersPolicy');
    const d = distribution();
    expect(d.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    expect(d.CacheBehaviors[0].ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  it('writes standard logs to the log bucket', () => {
    expect(distribution().Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [bucketId('logBucket'), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });

  it('security headers: HSTS, nosniff, frame DENY, strict referrer, CSP', () => {
    const [, policy] = onlyResource(s.json.web, 'AWS::CloudFront::ResponseHeadersPolicy');
    const h = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(h.StrictTransportSecurity).toEqual({
      AccessControlMaxAgeSec: 63_072_000,
      IncludeSubdomains: true,
      Override: true,
    });
    expect(h.ContentTypeOptions).toEqual({ Override: true });
    expect(h.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(h.ReferrerPolicy).toEqual({ ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true });
    // The bucket origin in connect-src is checked in attachments.test.ts; the rest is this fixed policy.
    const [, parts] = h.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'];
    expect(parts.filter((p: unknown) => typeof p === 'string').join('')).toBe(
      CONTENT_SECURITY_POLICY.replace(
        "connect-src 'self'",
        "connect-src 'self' https://.s3.ap-southeast-1.amazonaws.com",
      ),
    );
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('the SPA rewrite sends client-side routes to /index.html and leaves files alone', () => {
    const [, fn] = onlyResource(s.json.web, 'AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.AutoPublish).toBe(true);
    const handler = runInNewContext(`${fn.Properties.FunctionCode}; handler`);
    const rewrite = (uri: string) => handler({ request: { uri, method: 'GET' } }).uri;
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/inbox')).toBe('/index.html');
    expect(rewrite('/submissions/0195-abc/edit')).toBe('/index.html');
    expect(rewrite('/index.html')).toBe('/index.html');
    expect(rewrite('/assets/index-Bx12.js')).toBe('/assets/index-Bx12.js');
    expect(rewrite('/favicon.ico')).toBe('/favicon.ico');
    expect(rewrite('/api/submissions/x')).toBe('/api/submissions/x');
  });

  it('exposes the site URL', () => {
    expect(Object.keys(s.json.web.Outputs)).toContain('WebUrl');
  });
});
