import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BOOTSTRAP_QUALIFIER_CONTEXT,
  CfnOutput,
  DefaultStackSynthesizer,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Token,
  Validations,
} from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';

export interface WebStackProps extends StackProps {
  /** Host name of the HTTP API (…execute-api.<region>.amazonaws.com), served under /api/*. */
  apiDomainName: string;
  /** Built web app (web/dist); deployed only when set. Synth works without a web build. */
  webDist?: string;
  /** ISO country codes allowed to reach the site; empty means anywhere. */
  geoAllowlist: string[];
  /** Origin of the attachment bucket (https://<bucket>.s3.<region>.amazonaws.com): uploads POST to it, downloads redirect to it. */
  attachmentOrigin?: string;
  /**
   * China regions: the ICP-filed alternate domain and its IAM server certificate (CloudFront China serves no
   * content on *.cloudfront.cn and takes no ACM certificates). Also switches the S3 origin to an origin access
   * identity and the distribution to HTTP/2 only, the conservative shape CloudFront China is known to accept.
   */
  china?: { domainName: string; iamCertificateId: string };
}

/**
 * Content-Security-Policy of every response. No inline or remote script. style-src keeps
 * 'unsafe-inline' because antd's CSS-in-JS injects <style> elements at runtime and a static S3
 * site cannot hand out per-response nonces; drop it once the web app ships antd's extracted CSS
 * (zero-runtime theme), then this line is the only change.
 */
export const contentSecurityPolicy = (connectOrigins: string[] = []) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    'frame-src blob:',
    ["connect-src 'self'", ...connectOrigins].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/**
 * SPA fallback on the S3 behaviour only (viewer request): a path whose last segment has no file
 * extension is a client-side route and gets /index.html. Done here rather than with distribution
 * error responses, which would also turn genuine API 403/404 answers into index.html.
 */
export const SPA_REWRITE_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.indexOf('/api/') === 0) return request;
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** Tells the web app (web/src/app.tsx) to route by URL hash: the deployment has no SPA fallback at the edge. */
export const HASH_ROUTES_META = '<meta name="jx-routes" content="hash">';

/** The built index.html with HASH_ROUTES_META in its head. */
export function withHashRoutes(html: string): string {
  if (!html.includes('</head>')) throw new Error('web build: index.html has no </head>');
  return html.includes(HASH_ROUTES_META) ? html : html.replace('</head>', `${HASH_ROUTES_META}</head>`);
}

/** Static web app: private S3 bucket behind CloudFront (OAC), /api/* forwarded to the HTTP API. */
export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    // Access logs of the web bucket (S3 server access logs) and of CloudFront (standard logs).
    // CloudFront standard logging writes with ACLs, hence OBJECT_WRITER ownership on this bucket only.
    this.logBucket = new s3.Bucket(this, 'LogBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.logBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });

    this.bucket = new s3.Bucket(this, 'WebBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 's3-web/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const china = props.china;
    const responseHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Jixiao security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.attachmentOrigin ? [props.attachmentOrigin] : []),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    // CloudFront China has no CloudFront Functions (CloudFormation knows no AWS::CloudFront::Function there):
    // the web app routes by URL hash instead (HASH_ROUTES_META in the deployed index.html), so every page is /.
    const spaRewrite = props.china
      ? undefined
      : new cloudfront.Function(this, 'SpaRewrite', {
          comment: 'SPA fallback: extension-less paths -> /index.html',
          runtime: cloudfront.FunctionRuntime.JS_2_0,
          code: cloudfront.FunctionCode.fromInline(SPA_REWRITE_FUNCTION),
        });

    const apiOrigin = new origins.HttpOrigin(props.apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Jixiao web (${id})`,
      defaultRootObject: 'index.html',
      httpVersion: china ? cloudfront.HttpVersion.HTTP2 : cloudfront.HttpVersion.HTTP2_AND_3,
      // Edge locations in Asia (incl. Hong Kong) are in PriceClass_200; PriceClass_All adds only South America/Oceania.
      // CloudFront China has its own edge network (Beijing, Shanghai, Zhongwei, Shenzhen): no price class there.
      ...(china ? {} : { priceClass: cloudfront.PriceClass.PRICE_CLASS_200 }),
      geoRestriction: props.geoAllowlist.length
        ? cloudfront.GeoRestriction.allowlist(...props.geoAllowlist)
        : undefined,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: china
          ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: responseHeaders,
        compress: true,
        functionAssociations: spaRewrite
          ? [{ function: spaRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }]
          : undefined,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: responseHeaders,
          compress: true,
        },
      },
    });

    if (china) this.attachIamCertificate(china);
    else
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Default *.cloudfront.net certificate, where CloudFront still allows TLSv1; a custom domain + ACM cert enforces TLS 1.2.',
      });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'No WAF: internal tool for a few hundred users, JWT on every API route plus API throttling; a web ACL can be added later.',
    });
    if (!props.geoAllowlist.length) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR1',
        reason: 'Geo restriction is a deployment choice: set context geoAllowlist (e.g. "CN,HK") to enable it.',
      });
    }

    if (props.webDist) {
      const deployLogs = new logs.LogGroup(this, 'DeployWebLogs', { retention: logs.RetentionDays.THREE_MONTHS });
      new s3deploy.BucketDeployment(this, 'DeployWeb', {
        sources: china
          ? [
              s3deploy.Source.asset(props.webDist, { exclude: ['index.html'] }),
              s3deploy.Source.data(
                'index.html',
                withHashRoutes(readFileSync(join(props.webDist, 'index.html'), 'utf8')),
              ),
            ]
          : [s3deploy.Source.asset(props.webDist)],
        destinationBucket: this.bucket,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        prune: true,
        memoryLimit: 512,
        logGroup: deployLogs,
      });
      this.acknowledgeBucketDeploymentProvider();
    }

    new CfnOutput(this, 'WebUrl', {
      value: `https://${china ? china.domainName : this.distribution.distributionDomainName}`,
    });
    if (china)
      new CfnOutput(this, 'WebDomainTarget', {
        value: this.distribution.distributionDomainName,
        description: `DNS: CNAME ${china.domainName} to this name (ICP-filed domain)`,
      });
    new CfnOutput(this, 'WebBucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
  }

  /**
   * The alternate domain with its IAM server certificate, SNI only, TLS 1.2 at least. The Distribution construct
   * takes ACM certificates only, so the two properties are set on the CloudFormation resource.
   */
  private attachIamCertificate(china: { domainName: string; iamCertificateId: string }): void {
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'IAM server certificate, sni-only, TLSv1.2_2021 minimum, set as a property override that the rule does not read.',
      },
      {
        id: 'AwsSolutions-CFR7',
        reason:
          'Origin access identity: CloudFormation has no AWS::CloudFront::OriginAccessControl in the China regions.',
      },
    );
    const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
    cfn.addPropertyOverride('DistributionConfig.Aliases', [china.domainName]);
    cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
      IamCertificateId: china.iamCertificateId,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
    });
  }

  /**
   * BucketDeployment's provider (Lambda + role) is a CDK-owned singleton. Each finding is listed
   * on its own so that a new permission in a future CDK version shows up as a new finding.
   */
  private acknowledgeBucketDeploymentProvider(): void {
    const literal = (v: string, placeholder: string) => (Token.isUnresolved(v) ? placeholder : v);
    const partition = literal(this.partition, '<AWS::Partition>');
    const account = literal(this.account, '<AWS::AccountId>');
    const qualifier = this.node.tryGetContext(BOOTSTRAP_QUALIFIER_CONTEXT) ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const assetBucket = `arn:${partition}:s3:::cdk-${qualifier}-assets-${account}-${this.region}/*`;
    const webBucket = `<${this.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`;
    const iam5 = (finding: string) => `AwsSolutions-IAM5[${finding}]`;
    const providers = this.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const provider of providers) {
      Validations.of(provider).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'CDK-owned BucketDeployment provider: basic execution role for its own logs.',
        },
        ...['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', `Resource::${assetBucket}`].map(
          (f) => ({
            id: iam5(f),
            reason: 'CDK-owned BucketDeployment provider reads the web build from the CDK asset bucket.',
          }),
        ),
        ...['Action::s3:Abort*', 'Action::s3:DeleteObject*', `Resource::${webBucket}`].map((f) => ({
          id: iam5(f),
          reason: 'CDK-owned BucketDeployment provider replaces (prunes) the objects of this web bucket only.',
        })),
        {
          id: iam5('Resource::*'),
          reason: 'CDK-owned BucketDeployment provider: cloudfront:CreateInvalidation/GetInvalidation after upload.',
        },
        { id: 'AwsSolutions-L1', reason: 'CDK-owned BucketDeployment provider pins its own Python runtime.' },
      );
    }
  }
}
