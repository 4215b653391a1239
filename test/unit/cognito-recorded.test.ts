import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCognitoPool } from '../../functions/adapters/identity/cognito-pool';

/**
 * What cognito-local cannot show, against the adapter with Cognito's recorded answers (shape as the
 * service sends them): a disabled user's sign-in, a sign-in after AdminResetUserPassword, a refresh
 * after global sign-out, and the requests of a reset and a global sign-out.
 */
type Recorded = { status: number; body: Record<string, unknown> };

function poolAnswering(answers: Record<string, Recorded>) {
  const sent: { target: string; body: any }[] = [];
  const pool = createCognitoPool({
    userPoolId: 'cn-north-1_AbCdEf123',
    clientId: '4k3x0recorded',
    region: 'ap-southeast-1',
    sdk: {
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'recorded' },
      maxAttempts: 1,
      requestHandler: {
        async handle(request: { headers: Record<string, string>; body: string }) {
          const target = request.headers['x-amz-target'].split('.')[1];
          sent.push({ target, body: JSON.parse(request.body) });
          const a = answers[target] ?? { status: 200, body: {} };
          return {
            response: {
              statusCode: a.status,
              headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'rec-1' },
              body: Readable.from([Buffer.from(JSON.stringify(a.body))]),
            },
          };
        },
      } as never,
    },
  });
  return { pool, sent };
}

describe('Cognito adapter against recorded service answers', () => {
  it('a disabled user is refused with the generic sign-in message', async () => {
    const { pool } = poolAnswering({
      InitiateAuth: { status: 400, body: { __type: 'NotAuthorizedException', message: 'User is disabled.' } },
    });
    await expect(pool.signIn('jtj', 'Demo-2026-pass')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: '用户名或密码错误',
    });
  });

  it('after AdminResetUserPassword the old password answers PasswordResetRequired: a 401, no token', async () => {
    const { pool } = poolAnswering({
      InitiateAuth: {
        status: 400,
        body: { __type: 'PasswordResetRequiredException', message: 'Password reset required for the user' },
      },
    });
    await expect(pool.signIn('jtj', 'old-password-1')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('a refresh token ended by global sign-out is refused', async () => {
    const { pool } = poolAnswering({
      InitiateAuth: {
        status: 400,
        body: { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' },
      },
    });
    await expect(pool.refresh('eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.x.y.z.w')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('a reset sets a temporary password and signs the user out everywhere', async () => {
    const { pool, sent } = poolAnswering({});
    await pool.setPassword('jtj', 'Reset-2026b!', false);
    await pool.signOutEverywhere('jtj');
    expect(sent.map((s) => s.target)).toEqual(['AdminSetUserPassword', 'AdminUserGlobalSignOut']);
    expect(sent[0].body).toMatchObject({ UserPoolId: 'cn-north-1_AbCdEf123', Username: 'jtj', Permanent: false });
    expect(sent[1].body).toEqual({ UserPoolId: 'cn-north-1_AbCdEf123', Username: 'jtj' });
  });

  it('the NEW_PASSWORD_REQUIRED answer becomes a challenge; a weak new password a 422 on /newPassword', async () => {
    const { pool } = poolAnswering({
      InitiateAuth: {
        status: 200,
        body: { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 'AYABeC-recorded', ChallengeParameters: {} },
      },
      RespondToAuthChallenge: {
        status: 400,
        body: { __type: 'InvalidPasswordException', message: 'Password does not conform to policy' },
      },
    });
    expect(await pool.signIn('liwei', 'Temp-2026a')).toEqual({ kind: 'challenge', session: 'AYABeC-recorded' });
    await expect(
      pool.answerNewPassword({ username: 'liwei', session: 'AYABeC-recorded', newPassword: 'weakweak12' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: '/newPassword' }] });
  });

  it('a taken user name is a 409 on /username; throttling a 429', async () => {
    const { pool } = poolAnswering({
      AdminCreateUser: {
        status: 400,
        body: { __type: 'UsernameExistsException', message: 'User account already exists' },
      },
      InitiateAuth: { status: 400, body: { __type: 'TooManyRequestsException', message: 'Too many requests' } },
    });
    await expect(
      pool.createUser({ username: 'jtj', name: '甲', temporaryPassword: 'Temp-2026a' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: [{ path: '/username' }],
    });
    await expect(pool.signIn('jtj', 'x')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});
