import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_PREFIX } from '../../functions/core/ports-attachments';
import { ATTACHMENT_KEYS } from '../../infra/stacks/data-stack';
import { contentSecurityPolicy } from '../../infra/stacks/web-stack';
import { asArray, type Cfn, onlyResource, resourcesOf, type Synthesized, synthJixiao } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthJixiao({ context: { webOrigin: 'https://jixiao.example.gov.cn' } });
});
afterAll(() => s?.cleanup());

const bucket = () => onlyResource(s.json.data, 'AWS::S3::Bucket')[1].Properties;

describe('attachment bucket (data stack)', () => {
  it('uses the key prefixes of the core', () => {
    expect(ATTACHMENT_KEYS).toEqual(ATTACHMENT_PREFIX);
  });

  it('is private, S3-encrypted, versioned and retained', () => {
    const b = bucket();
    expect(b.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
      SSEAlgorithm: 'AES256',
    });
    expect(b.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const [, resource] = onlyResource(s.json.data, 'AWS::S3::Bucket');
    expect(resource.DeletionPolicy).toBe('Retain');
  });

  it('refuses plain HTTP in its bucket policy', () => {
    s.templates.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('expires orphans after a day, aborts multipart uploads, expires old versions', () => {
    const rules = bucket().LifecycleConfiguration.Rules as Cfn[];
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ Prefix: 'incoming/', ExpirationInDays: 1, Status: 'Enabled' }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' }),
      ]),
    );
    // Pinned files never expire.
    expect(rules.some((r) => r.Prefix === 'files/' || (r.ExpirationInDays && !r.Prefix))).toBe(false);
  });

  it('allows cross-origin POST and GET from the web origin only', () => {
    expect(bucket().CorsConfiguration.CorsRules).toEqual([
      expect.objectContaining({
        AllowedOrigins: ['https://jixiao.example.gov.cn'],
        AllowedMethods: ['POST', 'GET'],
      }),
    ]);
  });

  it('has no CORS at all without a configured web origin', () => {
    const bare = synthJixiao();
    try {
      const b = onlyResource(bare.json.data, 'AWS::S3::Bucket')[1].Properties;
      expect(b.CorsConfiguration).toBeUndefined();
    } finally {
      bare.cleanup();
    }
  });
});

/** The Data stack's AttachmentBucket output as the other stacks read it. */
const BUCKET_OUTPUT = {
  'Fn::GetStackOutput': { StackName: 'Jixiao-test-Data', Region: 'ap-southeast-1', OutputName: 'AttachmentBucket' },
};
const bucketArn = (suffix = '') => ({
  'Fn::Join': ['', ['arn:aws:s3:::', BUCKET_OUTPUT, ...(suffix ? [suffix] : [])]],
});
const fnByDescription = (text: string) =>
  resourcesOf(s.json.api, 'AWS::Lambda::Function').find(([, f]) =>
    String(f.Properties.Description).includes(text),
  )?.[1];
/** Every IAM statement of the Api stack, with the role it is attached to. */
const statements = () =>
  resourcesOf(s.json.api, 'AWS::IAM::Policy').flatMap(([, p]) =>
    asArray(p.Properties.PolicyDocument.Statement as Cfn[]).map((st) => ({ roles: p.Properties.Roles, st })),
  );

describe('the API function and the bucket (api stack)', () => {
  it('gets the bucket name as ATTACHMENT_BUCKET from the Data stack output, which is the bucket', () => {
    const [bucketId] = onlyResource(s.json.data, 'AWS::S3::Bucket');
    expect(s.json.data.Outputs.AttachmentBucket.Value).toEqual({ Ref: bucketId });
    const api = fnByDescription('HTTP API');
    expect(api.Properties.Environment.Variables.ATTACHMENT_BUCKET).toEqual(BUCKET_OUTPUT);
    const sweep = fnByDescription('deadline sweep');
    expect(sweep.Properties.Environment.Variables.ATTACHMENT_BUCKET).toBeUndefined();
  });

  it('may touch objects under incoming/ and files/ only, delete only incoming/, and list only to tell a missing key', () => {
    const s3 = statements().filter(({ st }) => asArray(st.Action).some((a: string) => a.startsWith('s3:')));
    const api = fnByDescription('HTTP API');
    const apiRole = api.Properties.Role['Fn::GetAtt'][0];
    for (const { roles } of s3) expect(roles).toEqual([{ Ref: apiRole }]);
    const bySid = Object.fromEntries(s3.map(({ st }) => [st.Sid, st]));
    expect(Object.keys(bySid).sort()).toEqual(['AttachmentMissingIs404', 'AttachmentPinnedFiles', 'AttachmentUploads']);
    expect(bySid.AttachmentUploads).toEqual({
      Sid: 'AttachmentUploads',
      Effect: 'Allow',
      Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      Resource: bucketArn('/incoming/*'),
    });
    expect(bySid.AttachmentPinnedFiles).toEqual({
      Sid: 'AttachmentPinnedFiles',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: bucketArn('/files/*'),
    });
    expect(bySid.AttachmentMissingIs404).toEqual({
      Sid: 'AttachmentMissingIs404',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: bucketArn(),
    });
    for (const { st } of s3) expect(st.Condition).toBeUndefined();
  });

  it('lets the web app connect to the bucket origin (CSP connect-src) and nothing else new', () => {
    const [, policy] = onlyResource(s.json.web, 'AWS::CloudFront::ResponseHeadersPolicy');
    const csp = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy;
    expect(csp.Override).toBe(true);
    const [delimiter, parts] = csp.ContentSecurityPolicy['Fn::Join'];
    expect(parts.filter((p: unknown) => typeof p !== 'string')).toEqual([BUCKET_OUTPUT]);
    const text = parts.map((p: unknown) => (typeof p === 'string' ? p : '<bucket>')).join(delimiter);
    expect(text).toBe(contentSecurityPolicy(['https://<bucket>.s3.ap-southeast-1.amazonaws.com']));
    expect(text).toContain("connect-src 'self' https://<bucket>.s3.ap-southeast-1.amazonaws.com;");
  });
});
