import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { AppFunction } from '../constructs/app-function';
import { ATTACHMENT_KEYS } from './data-stack';

/**
 * The API's access to the attachment bucket (functions/adapters/storage/s3-file-store.ts), nothing more:
 * - incoming/* (orphans): PutObject (signs the browser's presigned POST), GetObject (size, type, sha256 of the
 *   stored bytes), DeleteObject (refused bytes, pinning moves them out, the orphan sweep);
 * - files/* (pinned): PutObject (the copy out of incoming/), GetObject (presigned downloads) — never deleted;
 * - ListBucket on the bucket itself, only so that HeadObject of a key not uploaded yet answers 404, not 403.
 * The bucket name (the Data stack's AttachmentBucket output) reaches the function as ATTACHMENT_BUCKET.
 */
export function grantAttachments(fn: AppFunction, bucketName: string): void {
  const stack = Stack.of(fn);
  fn.fn.addEnvironment('ATTACHMENT_BUCKET', bucketName);
  const objects = (prefix: string) => `${attachmentBucketArn(stack, bucketName)}/${prefix}*`;
  fn.role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'AttachmentUploads',
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      resources: [objects(ATTACHMENT_KEYS.incoming)],
    }),
  );
  fn.role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'AttachmentPinnedFiles',
      actions: ['s3:PutObject', 's3:GetObject'],
      resources: [objects(ATTACHMENT_KEYS.pinned)],
    }),
  );
  fn.role.addToPolicy(
    new iam.PolicyStatement({
      sid: 'AttachmentMissingIs404',
      actions: ['s3:ListBucket'],
      resources: [attachmentBucketArn(stack, bucketName)],
    }),
  );
  // cdk-nag flags the two key-prefix wildcards; each is acknowledged by its exact resource text.
  for (const prefix of [ATTACHMENT_KEYS.incoming, ATTACHMENT_KEYS.pinned]) {
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagText(stack.resolve(objects(prefix)))}]`,
      reason: `Objects under the ${prefix} key prefix of the attachment bucket only (one object per upload).`,
    });
  }
}

/** How cdk-nag writes a resolved resource in a finding: joins flattened, Ref as <name>, other intrinsics as JSON. */
function nagText(node: unknown): string {
  if (typeof node === 'string') return node;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o['Fn::Join'])) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(nagText).join(delimiter);
  }
  if (typeof o.Ref === 'string') return `<${o.Ref}>`;
  return JSON.stringify(node);
}

/** arn:<partition>:s3:::<bucket> */
export function attachmentBucketArn(stack: Stack, bucketName: string): string {
  return stack.formatArn({ service: 's3', region: '', account: '', resource: bucketName });
}
