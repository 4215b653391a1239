import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, getToken, setToken, setUnauthorizedHandler } from './api/client';
import type { Me } from './api/types';

interface AuthState {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState<boolean>(() => Boolean(getToken()));

  const logout = useCallback(() => {
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

  const login = useCallback(async (username: string, password: string) => {
    const result = await api<{ token: string }>('POST', '/api/auth/login', { username, password });
    setToken(result.token);
    setMe(await api<Me>('GET', '/api/me'));
  }, []);

  const value = useMemo(() => ({ me, loading, login, logout }), [me, loading, login, logout]);
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
