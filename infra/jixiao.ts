import { type App, type Environment, Tags } from 'aws-cdk-lib';
import { hasWebBuild, type JixiaoConfig, readConfig } from './config';
import { ApiStack } from './stacks/api-stack';
import { AuthStack } from './stacks/auth-stack';
import { DataStack } from './stacks/data-stack';
import { WebStack } from './stacks/web-stack';

export interface JixiaoStacks {
  config: JixiaoConfig;
  data: DataStack;
  /** The Cognito pool; absent with the platform's own identity (`identity=local`, always in the China regions). */
  auth?: AuthStack;
  api: ApiStack;
  web: WebStack;
}

/**
 * The whole deployment: Data (table) and Auth (user pool, when Cognito is the identity) are stateful and protected; Api and Web
 * are stateless and can be destroyed and recreated at will. Same code for `cdk synth`/`deploy`
 * (infra/app.ts) and for the tests (test/infra), so they check what gets deployed.
 */
export function createJixiao(app: App): JixiaoStacks {
  const config = readConfig(app.node);
  const env: Environment = { region: config.region, ...(config.account ? { account: config.account } : {}) };
  const name = (part: string) => `Jixiao-${config.stage}-${part}`;
  const isProd = config.stage === 'prod';

  const data = new DataStack(app, name('Data'), {
    env,
    description: 'Jixiao: DynamoDB single table (stateful, retained)',
    terminationProtection: isProd,
    webOrigins: config.webOrigins,
  });
  const auth =
    config.identity === 'cognito'
      ? new AuthStack(app, name('Auth'), {
          env,
          description: 'Jixiao: Cognito user pool (stateful, retained)',
          terminationProtection: isProd,
          threatProtection: config.threatProtection,
        })
      : undefined;
  const china = config.partition === 'aws-cn';
  const api = new ApiStack(app, name('Api'), {
    env,
    description: 'Jixiao: HTTP API, Lambda functions, deadline sweep schedule',
    table: data.table,
    userPool: auth?.userPool,
    userPoolClient: auth?.client,
    throttle: { rateLimit: config.apiThrottleRate, burstLimit: config.apiThrottleBurst },
    mail: config.mailFrom ? { from: config.mailFrom, appUrl: config.appUrl } : undefined,
    attachmentBucketName: data.attachmentBucketName,
    customDomain: config.customDomain && {
      domainName: config.customDomain.apiDomainName,
      certificateArn: config.customDomain.apiCertificateArn,
    },
    // Lambda has no X-Ray integration in the China regions.
    xray: !china,
  });
  api.addStackDependency(data, 'reads the attachment bucket name from its output');
  const web = new WebStack(app, name('Web'), {
    env,
    description: 'Jixiao: web app on S3 + CloudFront, /api/* to the HTTP API',
    apiDomainName: api.apiDomainName,
    webDist: hasWebBuild(config.webDist) ? config.webDist : undefined,
    geoAllowlist: config.geoAllowlist,
    attachmentOrigin: `https://${data.attachmentBucketName}.s3.${config.region}.amazonaws.com${china ? '.cn' : ''}`,
    china: config.customDomain && {
      domainName: config.customDomain.domainName,
      iamCertificateId: config.customDomain.iamCertificateId,
    },
  });
  web.addStackDependency(data, 'its CSP names the attachment bucket from its output');

  Tags.of(app).add('project', 'jixiao');
  Tags.of(app).add('stage', config.stage);
  return { config, data, auth, api, web };
}
