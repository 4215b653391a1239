import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../../functions/adapters/dynamodb/keys';

/**
 * Stateful stack: the single DynamoDB table. Its shape comes from TABLE_SCHEMA (keys.ts), the same
 * object the local server uses to create the table in DynamoDB Local, so the two never disagree.
 * Kept apart from the stateless stacks so they can be replaced freely; the table is RETAINed and
 * deletion-protected, so even `cdk destroy` of this stack leaves the data in place.
 */
export interface DataStackProps extends StackProps {
  /** Web origins allowed to POST uploads to and GET downloads from the attachment bucket (CORS). */
  webOrigins?: string[];
}

/** Key prefixes of the attachment bucket (the same as ATTACHMENT_PREFIX in the core). */
export const ATTACHMENT_KEYS = { incoming: 'incoming/', pinned: 'files/' } as const;

export class DataStack extends Stack {
  readonly table: dynamodb.Table;
  readonly attachments: s3.Bucket;
  /**
   * The attachment bucket's name as another stack reads it: Fn::GetStackOutput of the AttachmentBucket output,
   * a value known at construction (unlike an implicit cross-stack reference), so the IAM resources built from it
   * can be acknowledged to cdk-nag by their exact text.
   */
  readonly attachmentBucketName: string;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    const s = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: s(TABLE_SCHEMA.partitionKey),
      sortKey: s(TABLE_SCHEMA.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
    });
    for (const index of TABLE_SCHEMA.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: s(index.partitionKey),
        sortKey: s(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Evidence files: private, encrypted, TLS only, versioned; orphans (never pinned by a submission) go after a day.
    this.attachments = new s3.Bucket(this, 'Attachments', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-orphans', prefix: ATTACHMENT_KEYS.incoming, expiration: Duration.days(1) },
        { id: 'noncurrent-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
      cors: props.webOrigins?.length
        ? [
            {
              allowedOrigins: props.webOrigins,
              allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET],
              allowedHeaders: ['*'],
              maxAge: 3000,
            },
          ]
        : undefined,
    });
    Validations.of(this.attachments).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Every upload and download is authorized and logged by the API (a download is a presigned URL handed out per request); S3 server access logs would repeat that.',
    });

    const bucketOutput = new CfnOutput(this, 'AttachmentBucket', {
      value: this.attachments.bucketName,
      description: 'S3 bucket of attachments (ATTACHMENT_BUCKET)',
    });
    this.attachmentBucketName = Fn.getStackOutput(this.stackName, this.resolve(bucketOutput.logicalId), this.region);
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table (TABLE_NAME)' });
  }
}
