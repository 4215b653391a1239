import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../functions/adapters/dynamodb/keys';
import { type Cfn, onlyResource, type Synthesized, synthJixiao } from './synth';

let s: Synthesized;
beforeAll(() => {
  s = synthJixiao();
});
afterAll(() => s?.cleanup());

describe('data stack: the single table', () => {
  const table = () => onlyResource(s.json.data, 'AWS::DynamoDB::Table')[1];

  it('has the base keys of TABLE_SCHEMA, all strings', () => {
    expect(table().Properties.KeySchema).toEqual([
      { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
    ]);
    const defined = table().Properties.AttributeDefinitions as { AttributeName: string; AttributeType: string }[];
    const expected = [
      TABLE_SCHEMA.partitionKey,
      TABLE_SCHEMA.sortKey,
      ...TABLE_SCHEMA.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ];
    expect(defined.map((d) => d.AttributeName).sort()).toEqual([...expected].sort());
    expect(defined.every((d) => d.AttributeType === 'S')).toBe(true);
  });

  it('has exactly the GSIs of TABLE_SCHEMA, projecting ALL', () => {
    const gsis = table().Properties.GlobalSecondaryIndexes as Cfn[];
    expect(gsis.map((g) => g.IndexName)).toEqual(TABLE_SCHEMA.indexes.map((i) => i.name));
    for (const index of TABLE_SCHEMA.indexes) {
      const gsi = gsis.find((g) => g.IndexName === index.name);
      expect(gsi.KeySchema).toEqual([
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ]);
      expect(gsi.Projection).toEqual({ ProjectionType: 'ALL' });
      expect(gsi.ProvisionedThroughput).toBeUndefined();
    }
  });

  it('is on-demand, point-in-time recoverable, deletion-protected, AWS-managed encrypted, with TTL', () => {
    s.templates.data.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true },
    });
    // AWS-managed key (aws/dynamodb): no customer key in the template.
    expect(table().Properties.SSESpecification.KMSMasterKeyId).toBeUndefined();
    s.templates.data.resourceCountIs('AWS::KMS::Key', 0);
  });

  it('is retained when the stack goes away or the table is replaced', () => {
    s.templates.data.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('exports the table name for operators', () => {
    s.templates.data.hasOutput('TableName', { Value: { Ref: onlyResource(s.json.data, 'AWS::DynamoDB::Table')[0] } });
  });
});

describe('auth stack: Cognito user pool', () => {
  it('has no self sign-up and a strong password policy', () => {
    s.templates.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('is on the Plus plan with threat protection (audit by default) and optional TOTP MFA', () => {
    s.templates.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('is protected against deletion and retained', () => {
    s.templates.auth.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
    });
  });

  it('keeps no app data in Cognito: no custom attributes (unit and roles live in the user record)', () => {
    const [, pool] = onlyResource(s.json.auth, 'AWS::Cognito::UserPool');
    const custom = (pool.Properties.Schema ?? []).filter((a: Cfn) => a.Name?.startsWith('custom:'));
    expect(custom).toEqual([]);
  });

  it('has one public app client: no secret, SRP and password auth, no OAuth', () => {
    const [, client] = onlyResource(s.json.auth, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect([...client.Properties.ExplicitAuthFlows].sort()).toEqual(
      ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'].sort(),
    );
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
    expect(client.Properties.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.Properties.EnableTokenRevocation).toBe(true);
  });
});
