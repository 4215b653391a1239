import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';

export interface AuthStackProps extends StackProps {
  /** 'audit' records sign-in risk only; 'full' lets Cognito block risky sign-ins. */
  threatProtection: 'audit' | 'full';
}

/**
 * Identity only: the Cognito user pool says who someone is. What they may do (unit, roles) lives
 * in the app's own user record in the table (externalSub links the two), as in local mode.
 * Users are created by an administrator (no self sign-up); there is no hosted UI: the web app
 * signs in through POST /api/auth/login, which calls Cognito on the user's behalf.
 */
export class AuthStack extends Stack {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthStackProps) {
    super(scope, id, props);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Staff accounts are managed by the bureau's administrator, who also resets passwords.
      accountRecovery: cognito.AccountRecovery.NONE,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode:
        props.threatProtection === 'full'
          ? cognito.StandardThreatProtectionMode.FULL_FUNCTION
          : cognito.StandardThreatProtectionMode.AUDIT_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional (TOTP): the API login flow does not yet answer MFA challenges; require it once it does.',
    });

    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId, description: 'COGNITO_USER_POOL_ID' });
    new CfnOutput(this, 'UserPoolClientId', { value: this.client.userPoolClientId, description: 'COGNITO_CLIENT_ID' });
  }
}
