import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function';

/**
 * The platform's own identity in the cloud (the China regions, which offer no Cognito user pools): accounts
 * live in the table (scrypt hashes), tokens are HS256, and their signing key is this secret. It is generated
 * by Secrets Manager at deployment, never part of the bundle or the template; the API reads it once per cold
 * start (JWT_SECRET_ARN, functions/entry/jwt-secret.ts). Rotating it (a new value) ends every session.
 */
export class LocalIdentity extends Construct {
  readonly signingKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      description: 'Jixiao: HS256 signing key of the platform sign-in tokens (rotate to end every session)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Not data: losing it only ends sessions, so a rebuilt Api stack simply generates a new one.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.signingKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotation ends every session, so it is an operator action (put-secret-value, README "Deploy"), not a schedule.',
    });
  }

  /** The API signs and verifies tokens: it may read this one secret, nothing else. */
  bind(fn: AppFunction): void {
    this.signingKey.grantRead(fn.role);
    fn.fn.addEnvironment('JWT_SECRET_ARN', this.signingKey.secretArn);
  }
}
