/**
 * Form logic in the browser. Computed fields are evaluated here with the shared JSONata
 * evaluator of forms/lib (an interpreter: allowed by the CSP), so totals update as the user
 * types. Schema and rule checking is the server's (POST /api/submissions/:id/validate runs
 * forms/lib validateFormData with ajv, which the browser's CSP cannot run: ajv generates code).
 */
import { Budget, ExpressionError, evaluateExpression } from '../../../forms/lib/expressions';
import { api } from '../api/client';
import type { FieldError, FormDefinition } from '../api/types';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function segments(pointer: string): string[] {
  if (!pointer) return [];
  const parts = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (parts.some((p) => FORBIDDEN.has(p))) throw new Error(`不允许的路径 ${pointer}`);
  return parts;
}

function pointerOf(parts: readonly (string | number)[]): string {
  return parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function readPointer(data: unknown, pointer: string): unknown {
  let node: unknown = data;
  for (const seg of segments(pointer)) {
    if (Array.isArray(node)) node = /^\d+$/.test(seg) ? node[Number(seg)] : undefined;
    else if (isRecord(node)) node = Object.hasOwn(node, seg) ? node[seg] : undefined;
    else return undefined;
  }
  return node;
}

function writePointer(data: Record<string, unknown>, pointer: string, value: unknown): void {
  const parts = segments(pointer);
  let node: unknown = data;
  parts.forEach((seg, i) => {
    const last = i === parts.length - 1;
    const container = node as Record<string, unknown>;
    const key = Array.isArray(node) ? Number(seg) : seg;
    if (last) {
      if (value === undefined) {
        if (Array.isArray(node)) return;
        delete container[seg];
      } else (container as Record<string | number, unknown>)[key] = value;
      return;
    }
    const next = (container as Record<string | number, unknown>)[key];
    if (!isRecord(next) && !Array.isArray(next)) (container as Record<string | number, unknown>)[key] = {};
    node = (container as Record<string | number, unknown>)[key];
  });
}

interface Target {
  pointer: string;
  input: unknown;
  bindings: Record<string, unknown>;
}

/** Same expansion as forms/lib validateFormData: `*` segments evaluate once per array element. */
function expand(data: Record<string, unknown>, path: string, base: Record<string, unknown>): Target[] {
  const parts = segments(path);
  if (!parts.includes('*')) return [{ pointer: path, input: data, bindings: base }];
  const out: Target[] = [];
  const walk = (node: unknown, done: string[], rest: string[], input: unknown, indexes: number[]) => {
    const star = rest.indexOf('*');
    if (star < 0) {
      out.push({
        pointer: pointerOf([...done, ...rest]),
        input,
        bindings: { ...base, index: indexes[indexes.length - 1], indexes },
      });
      return;
    }
    const arr = readPointer(node, pointerOf(rest.slice(0, star)));
    if (!Array.isArray(arr)) return;
    arr.forEach((el, i) =>
      walk(el, [...done, ...rest.slice(0, star), String(i)], rest.slice(star + 1), el, [...indexes, i]),
    );
  };
  walk(data, [], parts, data, []);
  return out;
}

export interface ComputedResult {
  /** The data with computed values written (a copy when anything changed, else the same object). */
  data: Record<string, unknown>;
  computed: Record<string, unknown>;
  errors: FieldError[];
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Evaluates `logic.computed` in order (later fields see earlier results), like the server does. */
export async function computeFields(form: FormDefinition, data: Record<string, unknown>): Promise<ComputedResult> {
  const fields = form.logic?.computed ?? [];
  if (!fields.length) return { data, computed: {}, errors: [] };
  const copy = structuredClone(data);
  const computed: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  const settings = form.logic?.settings ?? {};
  // One budget for the whole recomputation, as on the server: a runaway formula stops it, not the tab.
  const budget = new Budget();
  for (const field of fields) {
    if (budget.spent) break;
    let targets: Target[] = [];
    try {
      targets = expand(copy, field.path, { settings, root: copy });
    } catch (e) {
      errors.push({ path: field.path, message: e instanceof Error ? e.message : '计算字段路径无效' });
    }
    for (const t of targets) {
      try {
        const value = await evaluateExpression(field.expr, t.input, { bindings: t.bindings, budget });
        if (typeof value === 'function') continue;
        writePointer(copy, t.pointer, value ?? undefined);
        computed[t.pointer] = value;
      } catch (e) {
        errors.push({ path: t.pointer, message: `计算失败：${e instanceof Error ? e.message : String(e)}` });
        if (e instanceof ExpressionError && e.budgetSpent) break;
      }
    }
  }
  const changed = Object.keys(computed).some((p) => !same(readPointer(data, p), readPointer(copy, p)));
  return { data: changed ? copy : data, computed, errors };
}

/** Writes freshly computed values into `data` (a copy) where they differ; same object when nothing changed. */
export function applyComputed(
  data: Record<string, unknown>,
  computed: Record<string, unknown>,
): Record<string, unknown> {
  let copy: Record<string, unknown> | null = null;
  for (const [pointer, value] of Object.entries(computed)) {
    if (same(readPointer(data, pointer), value ?? undefined)) continue;
    copy ??= structuredClone(data);
    try {
      writePointer(copy, pointer, value ?? undefined);
    } catch {
      // a path the data cannot hold: the server reports it
    }
  }
  return copy ?? data;
}

export interface ServerCheck {
  errors: FieldError[];
  warnings: FieldError[];
  computed: Record<string, unknown>;
}

/** The server's full check (schema + rules, the same code as submit) without saving. */
export function validateOnServer(submissionId: string, data: Record<string, unknown>): Promise<ServerCheck> {
  return api<ServerCheck>('POST', `/api/submissions/${encodeURIComponent(submissionId)}/validate`, { data });
}
