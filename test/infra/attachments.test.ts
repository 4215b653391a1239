import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_PREFIX } from '../../functions/core/ports-attachments';
import { ATTACHMENT_KEYS } from '../../infra/stacks/data-stack';
import { type Cfn, onlyResource, type Synthesized, synthJixiao } from './synth';

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
