import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, getToken, setToken, setUnauthorizedHandler } from './api/client';
import type { Me } from './api/types';

interface AuthState {
  me: Me | null;
  loading: boolean;
  /** Signs in; answers the session of a first-sign-in password change, or that the 动态验证码 is due. */
  login(username: string, password: string, totpCode?: string): Promise<{ session: string } | { totp: true } | null>;
  setNewPassword(username: string, session: string, newPassword: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState<boolean>(() => Boolean(getToken()));

  const logout = useCallback(() => {
    // Revokes the refresh token the server keeps in its cookie (cloud sign-in); nothing to wait for.
    api('POST', '/api/auth/logout').catch(() => {});
    setToken(null);
    setMe(null);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => setMe(null));
    if (!getToken()) return;
    api<Me>('GET', '/api/me')
      .then(setMe)
      .catch(() => setMe(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string, totpCode?: string) => {
    const result = await api<{ token?: string; challenge?: string; session?: string }>('POST', '/api/auth/login', {
      username,
      password,
      ...(totpCode ? { totpCode } : {}),
    });
    if (result.challenge === 'NEW_PASSWORD_REQUIRED' && result.session) return { session: result.session };
    if (result.challenge === 'TOTP_REQUIRED') return { totp: true as const };
    setToken(result.token ?? null);
    setMe(await api<Me>('GET', '/api/me'));
    return null;
  }, []);

  const setNewPassword = useCallback(async (username: string, session: string, newPassword: string) => {
    const result = await api<{ token: string }>('POST', '/api/auth/challenge', { username, session, newPassword });
    setToken(result.token);
    setMe(await api<Me>('GET', '/api/me'));
  }, []);

  const value = useMemo(
    () => ({ me, loading, login, setNewPassword, logout }),
    [me, loading, login, setNewPassword, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** Whether the user fills forms for a department (as opposed to reviewing only). */
export function isFiller(me: Me | null): boolean {
  return Boolean(me?.roles.some((r) => r === 'filler' || r === 'admin'));
}

export function isReviewer(me: Me | null): boolean {
  return Boolean(me?.roles.some((r) => r === 'reviewer' || r === 'leader' || r === 'admin'));
}
