/** Typed calls of the caller's own pages: 工作台, 个人设置 and 委托代办 (routes /api/dashboard, /api/me/*, /api/delegations). */

import { api } from './client';
import type { Dashboard } from './types';

export type MailPreference = 'immediate' | 'digest' | 'off';

export interface Preferences {
  email: string | null;
  mailPreference: MailPreference;
  version: number;
}

export type DelegationState = 'upcoming' | 'active' | 'ended' | 'expired';

export interface Delegation {
  id: string;
  principalName: string;
  deputyName: string;
  startsOn: string;
  endsOn: string;
  reason?: string;
  endedAt?: string;
  state: DelegationState;
}

export interface Delegations {
  given: Delegation[];
  received: Delegation[];
  canDelegate: boolean;
  deputies: { id: string; name: string }[];
}

/** A new 委托: dates as YYYY-MM-DD. */
export interface DelegationInput {
  deputyId?: string;
  startsOn?: string;
  endsOn?: string;
  reason?: string;
}

export const meApi = {
  dashboard: () => api<Dashboard>('GET', '/api/dashboard'),
  preferences: () => api<Preferences>('GET', '/api/me/preferences'),
  savePreferences: (mailPreference: MailPreference, version: number) =>
    api<Preferences>('PUT', '/api/me/preferences', { mailPreference, version }),
  delegations: () => api<Delegations>('GET', '/api/delegations'),
  delegate: (input: DelegationInput) => api<unknown>('POST', '/api/delegations', input),
  endDelegation: (id: string) => api<unknown>('POST', `/api/delegations/${encodeURIComponent(id)}/end`),
  totp: () => api<{ available: boolean; enabled: boolean }>('GET', '/api/me/totp'),
  startTotp: () => api<{ secret: string; uri: string }>('POST', '/api/me/totp'),
  confirmTotp: (code: string) => api<{ enabled: true }>('POST', '/api/me/totp/verify', { code }),
  disableTotp: (code: string) => api<{ enabled: false }>('POST', '/api/me/totp/disable', { code }),
};
