import type { ErrorDetail } from '../../errors';

/**
 * The password a user chooses at first sign-in or after a reset: 10–128 characters with letters and
 * digits, not the user name. (The Cognito pool enforces its own, stricter policy on top in the cloud.)
 */
export function passwordProblems(password: string, username: string, path = '/newPassword'): ErrorDetail[] {
  const length = [...password].length;
  if (length < 10 || password.length > 128) return [{ path, message: '新密码长度应为10–128位' }];
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return [{ path, message: '新密码须同时包含字母和数字' }];
  if (password.toLowerCase().includes(username.toLowerCase())) return [{ path, message: '新密码不能包含用户名' }];
  return [];
}

/** Epoch seconds from which identity-provider tokens are valid again after a reset or disable at `nowIso`. */
export function validAfter(nowIso: string): number {
  return Math.floor(Date.parse(nowIso) / 1000) + 1;
}
