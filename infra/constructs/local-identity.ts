import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AppFunction } from './app-function';

/** How often the signing key is replaced. */
export const SIGNING_KEY_ROTATION_DAYS = 30;

/**
 * The platform's own identity in the cloud (the China regions, which offer no Cognito user pools): accounts
 * live in the table (scrypt hashes), tokens are HS256, and their signing key is this secret. It is generated
 * by Secrets Manager at deployment, never part of the bundle or the template; the API reads it at cold start
 * (JWT_SECRET_ARN, functions/entry/jwt-secret.ts).
 *
 * Rotation: every 30 days by our own small function (functions/entry/rotate-signing-key.ts). Secrets Manager's
 * hosted rotations only rotate database and service credentials, none a plain random key. Tokens name the key
 * version they were signed with, and the API accepts the current and the previous version, so a rotation signs
 * nobody out.
 */
export class LocalIdentity extends Construct {
  readonly signingKey: secretsmanager.Secret;
  readonly rotation: AppFunction;

  constructor(scope: Construct, id: string, props: { xray?: boolean } = {}) {
    super(scope, id);
    this.signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      description: 'Jixiao: HS256 signing key of the platform sign-in tokens (rotated every 30 days)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      // Not data: losing it only ends sessions, so a rebuilt Api stack simply generates a new one.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.rotation = new AppFunction(this, 'Rotation', {
      entry: 'functions/entry/rotate-signing-key.ts',
      description: 'Jixiao: rotates the sign-in signing key',
      xray: props.xray,
      memorySize: 256,
      timeout: Duration.seconds(30),
    });
    // Grants the function Describe/Get/Put/UpdateVersionStage on this secret, GetRandomPassword, and lets
    // Secrets Manager invoke it.
    this.signingKey.addRotationSchedule('RotationSchedule', {
      rotationLambda: this.rotation.fn,
      automaticallyAfter: Duration.days(SIGNING_KEY_ROTATION_DAYS),
    });
    Validations.of(this.rotation.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'secretsmanager:GetRandomPassword has no resource-level permissions (Resource "*"); nothing else is "*".',
    });
  }

  /** The API signs and verifies tokens: it may read this one secret, nothing else. */
  bind(fn: AppFunction): void {
    this.signingKey.grantRead(fn.role);
    fn.fn.addEnvironment('JWT_SECRET_ARN', this.signingKey.secretArn);
  }
}
