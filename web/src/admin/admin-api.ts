/** Typed calls of the admin API (routes under /api/admin, plus the 指标库 and the calendar). */

import type { Indicator as CoreIndicator, FormVersionSummary } from '../../../forms/lib/definitions';
import { LEVEL1_LABELS, OPERATOR_LABELS } from '../../../forms/lib/indicator-labels';
import { api, query } from '../api/client';

export { LEVEL1_LABELS, OPERATOR_LABELS };

import type { FieldError } from '../api/types';

export interface FormHeadView {
  id: string;
  title: string;
  family?: string | null;
  latestVersion: number;
  publishedVersion: number | null;
  versions: { id: string; version: number; title: string; status: 'draft' | 'published' }[];
}

export interface FormVersionView {
  id: string;
  version: number;
  title: string;
  family: string | null;
  status: 'draft' | 'published';
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  logic: Record<string, unknown>;
  chainId: string;
  chainVersion: number;
  /** Blocks the designer keeps as they are when it saves a new version (see design-model keptBlocks). */
  prefill?: Record<string, unknown>;
  source?: Record<string, unknown> | null;
  creators?: string[] | null;
  subjectCodePath?: string | null;
}

/** The version list's rows; the same type the server answers with. */
export type VersionSummary = FormVersionSummary;

export interface DiffEntry {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface DryRunItem {
  submissionId: string;
  title: string;
  unitId: string;
  unitName: string;
  status: string;
  formVersion: number;
  version: number;
  updatedAt: string;
  ok: boolean;
  errors: FieldError[];
}

export type Assignee =
  | { type: 'unit'; unitId: string }
  | { type: 'managingSection' }
  | { type: 'submitterUnit' }
  | { type: 'subjectUnit' };

export interface ChainStep {
  id: string;
  name: string;
  basis: string;
  assignee: Assignee | Assignee[];
  actions: ('approve' | 'return' | 'reject')[];
  kind?: 'review' | 'notify';
  score?: { min: number; max: number; required?: boolean; label?: string };
  when?: string;
  dueInWorkingDays?: number;
  mode?: 'all' | 'any';
  returnTo?: string;
  description?: string;
  [extra: string]: unknown;
}

export interface Chain {
  id: string;
  version: number;
  title: string;
  description?: string;
  steps: ChainStep[];
}

/** The indicator as the API returns it: the domain record (one definition for server and browser). */
export type Indicator = CoreIndicator;

export interface AdminUnit {
  id: string;
  name: string;
  kind: string;
  managedBy: string | null;
  seesAll: boolean;
  disabled: boolean;
  code: string | null;
  version: number;
}

/** What an administrator did to a user's account (newest first). */
export interface UserAuditEvent {
  id: string;
  type: string;
  actorId: string;
  actorName: string;
  at: string;
}

export interface AdminUser {
  id: string;
  username: string;
  name: string;
  unitId: string;
  roles: string[];
  disabled?: boolean;
  version?: number;
  /** Where email notifications go. */
  email?: string;
  /** Whether the user's 动态验证码 (second factor) is on. */
  totp?: boolean;
}

export interface CalendarYear {
  year: number;
  source: 'builtin' | 'admin';
  holidays: string[];
  workdays: string[];
  updatedAt: string | null;
}

const enc = encodeURIComponent;

export const adminApi = {
  forms: () => api<{ items: FormHeadView[] }>('GET', '/api/admin/forms').then((r) => r.items),
  formVersion: (id: string, v: number) => api<FormVersionView>('GET', `/api/forms/${enc(id)}/versions/${v}`),
  versions: (id: string) =>
    api<{ id: string; title: string; latestVersion: number; publishedVersion: number | null; items: VersionSummary[] }>(
      'GET',
      `/api/admin/forms/${enc(id)}/versions`,
    ),
  saveForm: (body: Record<string, unknown>) =>
    api<{ id: string; version: number; status: string }>('POST', '/api/admin/forms', body),
  publish: (id: string, v: number) =>
    api<{ id: string; version: number; status: string }>('POST', `/api/admin/forms/${enc(id)}/versions/${v}/publish`),
  diff: (id: string, from: number, to: number) =>
    api<{ changes: DiffEntry[]; truncated: boolean }>('GET', `/api/admin/forms/${enc(id)}/diff${query({ from, to })}`),
  dryRun: (id: string, v: number) =>
    api<{ items: DryRunItem[]; checked: number; truncated: boolean }>(
      'POST',
      `/api/admin/forms/${enc(id)}/versions/${v}/dry-run`,
    ),
  upgrade: (submissionId: string, toVersion: number, version: number) =>
    api<{ formVersion: number; errors: FieldError[] }>('POST', `/api/submissions/${enc(submissionId)}/upgrade`, {
      toVersion,
      version,
    }),

  chains: () =>
    api<{ items: { id: string; title: string; latestVersion: number }[] }>('GET', '/api/admin/chains').then(
      (r) => r.items,
    ),
  chainVersions: (id: string) =>
    api<{ id: string; title: string; latestVersion: number; items: Chain[] }>(
      'GET',
      `/api/admin/chains/${enc(id)}/versions`,
    ),
  saveChain: (body: Record<string, unknown>) => api<{ id: string; version: number }>('POST', '/api/admin/chains', body),

  indicators: (params: { formId?: string; year?: number; level1?: string; includeDisabled?: boolean } = {}) =>
    api<{ items: Indicator[] }>(
      'GET',
      `/api/indicators${query({ ...params, includeDisabled: params.includeDisabled ? 'true' : undefined })}`,
    ).then((r) => r.items),
  createIndicator: (body: Record<string, unknown>) => api<Indicator>('POST', '/api/admin/indicators', body),
  updateIndicator: (id: string, body: Record<string, unknown>) =>
    api<Indicator>('PUT', `/api/admin/indicators/${enc(id)}`, body),

  units: () => api<{ items: AdminUnit[] }>('GET', '/api/admin/units').then((r) => r.items),
  createUnit: (body: Record<string, unknown>) => api<AdminUnit>('POST', '/api/admin/units', body),
  updateUnit: (id: string, body: Record<string, unknown>) => api<AdminUnit>('PUT', `/api/admin/units/${enc(id)}`, body),
  settings: () => api<{ fundTypeRouting: Record<string, string>; version: number }>('GET', '/api/admin/settings'),
  saveSettings: (body: { fundTypeRouting: Record<string, string>; version: number }) =>
    api<{ version: number }>('PUT', '/api/admin/settings', body),
  users: async () => {
    const out: AdminUser[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: { items: AdminUser[]; cursor: string | null } = await api(
        'GET',
        `/api/admin/users${query({ limit: 100, cursor })}`,
      );
      out.push(...page.items);
      cursor = page.cursor;
      if (!cursor) break;
    }
    return out;
  },
  createUser: (body: Record<string, unknown>) => api<{ id: string }>('POST', '/api/admin/users', body),
  updateUser: (id: string, body: Record<string, unknown>) => api<AdminUser>('PUT', `/api/admin/users/${enc(id)}`, body),
  resetTotp: (id: string) => api<{ id: string; totp: false }>('POST', `/api/admin/users/${enc(id)}/totp/reset`),
  userAudit: (id: string) => api<{ items: UserAuditEvent[] }>('GET', `/api/admin/users/${enc(id)}/audit`),

  calendar: () => api<{ items: CalendarYear[] }>('GET', '/api/calendar').then((r) => r.items),
  saveCalendar: (year: number, body: { holidays: string[]; workdays: string[] }) =>
    api<CalendarYear>('PUT', `/api/admin/calendar/${year}`, body),
};

export const LEVEL2_BY_LEVEL1: Record<string, string[]> = {
  output: ['quantity', 'quality', 'timeliness', 'cost'],
  benefit: ['economic', 'social', 'ecological', 'sustainable'],
  satisfaction: ['serviceRecipient'],
  cost: ['economicCost', 'socialCost', 'ecoEnvCost'],
};
export const UNIT_KIND_LABELS: Record<string, string> = {
  department: '预算部门（单位）',
  section: '局机关股室',
  center: '中心',
  group: '领导小组等',
};
export const FUND_TYPE_LABELS: Record<string, string> = {
  general: '一般公共预算',
  govFund: '政府性基金预算',
  soeCapital: '国有资本经营预算',
  socialInsurance: '社会保险基金预算',
  govBond: '政府债券',
  ppp: '政府和社会资本合作（PPP）',
  procurement: '政府采购、政府购买服务',
  upperTransfer: '上级转移支付',
};
