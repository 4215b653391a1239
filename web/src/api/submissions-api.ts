/** Typed calls of the user API for 填报 (routes under /api/submissions) and the definitions they pin. */

import { api, query } from './client';
import type {
  ChainStep,
  DecisionAction,
  FormDefinition,
  HistoryItem,
  ListPage,
  Snapshot,
  Submission,
  SubmissionListItem,
} from './types';

const enc = encodeURIComponent;
const at = (id: string) => `/api/submissions/${enc(id)}`;

/** List filters (form, status, unit, step, search, cursor, page size); empty values are left out. */
export type SubmissionQuery = Record<string, string | number | undefined | null>;

export interface NewSubmission {
  formId: string;
  campaignId?: string;
  data?: unknown;
  sourceSubmissionId?: string;
}

/** One decision on an open step (approve, return, reject, transfer, add a signer). */
export interface DecisionRequest {
  stepId: string;
  action: DecisionAction | 'transfer' | 'addSigner';
  comment: string;
  score?: number;
  fields?: Record<string, unknown>;
  fieldComments?: { path: string; rowId?: string; comment: string }[];
  /** 转交: the unit the step goes to. */
  toUnitId?: string;
  /** 加签: the added unit and whether it decides before or after this unit. */
  unitId?: string;
  position?: 'before' | 'after';
}

export interface PublicationCheck {
  url?: string;
  note?: string;
  version: number;
  [field: string]: unknown;
}

export const submissionsApi = {
  list: (filters: SubmissionQuery) => api<ListPage<SubmissionListItem>>('GET', `/api/submissions${query(filters)}`),
  get: (id: string) => api<Submission>('GET', at(id)),
  create: (body: NewSubmission) => api<Submission>('POST', '/api/submissions', body),
  save: (id: string, data: unknown, version: number) => api<Submission>('PUT', at(id), { data, version }),
  remove: (id: string, version?: number) => api<unknown>('DELETE', `${at(id)}${query({ version })}`),
  submit: (id: string) => api<Submission>('POST', `${at(id)}/submit`, {}),
  withdraw: (id: string) => api<unknown>('POST', `${at(id)}/withdraw`, {}),
  decide: (id: string, input: DecisionRequest) => api<Submission>('POST', `${at(id)}/decisions`, input),
  /** The 流转记录, oldest first as the server keeps them. */
  history: (id: string) => api<ListPage<HistoryItem>>('GET', `${at(id)}/history`).then((r) => r.items),
  /** The data of every submitted round, for the 修改对比. */
  snapshots: (id: string) => api<{ items: Snapshot[] }>('GET', `${at(id)}/snapshots`).then((r) => r.items),
  /** 催办 the unit holding the submission's open step. */
  remind: (id: string) => api<unknown>('POST', `${at(id)}/reminders`, {}),
  correctionNotice: (id: string, message: string) => api<unknown>('POST', `${at(id)}/correction-notices`, { message }),
  paymentHold: (id: string, active: boolean, reason: string) =>
    api<unknown>('POST', `${at(id)}/payment-hold`, { active, reason }),
  recordPublication: (id: string, check: PublicationCheck) => api<unknown>('POST', `${at(id)}/publications`, check),
};

export const definitionsApi = {
  /** A form's current published version. */
  form: (formId: string) => api<FormDefinition>('GET', `/api/forms/${enc(formId)}`),
  /** The form version a submission is pinned to. */
  formVersion: (formId: string, version: number) =>
    api<FormDefinition>('GET', `/api/forms/${enc(formId)}/versions/${enc(String(version))}`),
  /** The chain version a submission is pinned to (callers name the step shape they read). */
  chainVersion: <T = { steps: ChainStep[] }>(chainId: string, version: number) =>
    api<T>('GET', `/api/chains/${enc(chainId)}/versions/${enc(String(version))}`),
};
