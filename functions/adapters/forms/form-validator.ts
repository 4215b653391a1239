import { Budget } from '../../../forms/lib/budget';
import {
  checkExpression,
  ExpressionError,
  evaluateExpression,
  installRegexEngine,
} from '../../../forms/lib/expressions';
import { validateFormData } from '../../../forms/lib/form-logic';
import { loadRe2, Re2RegExp } from '../../../forms/lib/re2-regexp';
import { loadAjv } from '../../../forms/lib/server/load-ajv';
import { dueAtIso, type HolidayCalendar } from '../../../forms/lib/working-days';
import { type ErrorDetail, ValidationError } from '../../core/errors';
import type { FormLogic } from '../../core/model';
import type { ExpressionEvaluator, FormValidator, WorkingCalendar } from '../../core/ports';

// On the server JSONata's regex literals run on re2js (linear time), like ajv's `pattern`.
installRegexEngine(Re2RegExp as unknown as RegExpConstructor);

/**
 * Formula time of one request on the server (every evaluation of the request together). The evaluator
 * hands the event loop back every few milliseconds, so even a request that uses all of it never holds
 * the server; a real form's formulas take a few tens of milliseconds.
 */
const REQUEST_BUDGET_MS = 1000;

const newBudget = () => new Budget({ timeMs: REQUEST_BUDGET_MS });

/** A request whose formulas failed or ran out of budget: a Chinese 422, never a 500 or a dead process. */
function refusal(e: unknown): unknown {
  if (!(e instanceof ExpressionError)) return e;
  const message = e.budgetSpent
    ? '表单公式超出了本次请求的计算限度，已停止计算，未作任何更改'
    : '表单或审核链中的公式无法计算，未作任何更改';
  return new ValidationError(message, [{ path: '', message: e.message }], { cause: e });
}

/** The same forms/lib code as in the browser: schema, computed fields, rules. */
export function createFormValidator(): FormValidator {
  return {
    async check(form, data, options) {
      await loadRe2();
      try {
        return await validateFormData({ schema: form.schema, logic: form.logic }, data, {
          checkComputed: options.checkComputed,
          budget: options.budget ?? newBudget(),
        });
      } catch (e) {
        throw refusal(e);
      }
    },
    async checkDecisionFields(schema, fields) {
      const { compileFormSchema, validateAgainstSchema } = await loadAjv();
      return validateAgainstSchema(compileFormSchema(schema), fields);
    },
    async checkDefinition(schema, _uiSchema, logic) {
      await loadRe2();
      const { checkUntrustedSchema } = await import('../../../forms/lib/server/schema-guard');
      const errors: ErrorDetail[] = checkUntrustedSchema(schema).map((e) => ({
        path: `/schema${e.path === '/' ? '' : e.path}`,
        message: e.message,
      }));
      const l = (logic ?? {}) as FormLogic;
      const exprs = [
        ...(l.computed ?? []).map((c, i) => ({ path: `/logic/computed/${i}/expr`, expr: c.expr })),
        ...(l.rules ?? []).map((r, i) => ({ path: `/logic/rules/${i}/expr`, expr: r.expr })),
        ...(l.gates ?? []).map((g, i) => ({ path: `/logic/gates/${i}/when`, expr: g.when })),
        ...(l.flags ?? []).map((f, i) => ({ path: `/logic/flags/${i}/expr`, expr: f.expr })),
      ];
      for (const e of exprs) {
        const problem = await checkExpression(e.expr, {}, { settings: l.settings ?? {} });
        if (problem) errors.push({ path: e.path, message: problem });
      }
      return errors;
    },
  };
}

export function createExpressionEvaluator(): ExpressionEvaluator {
  return {
    async evaluate(expr, input, bindings, budget) {
      await loadRe2();
      try {
        return await evaluateExpression(expr, input, { bindings, budget: budget ?? newBudget() });
      } catch (e) {
        throw refusal(e);
      }
    },
    budget: newBudget,
    check: async (expr, sample, bindings) => {
      await loadRe2();
      return checkExpression(expr, sample, bindings);
    },
  };
}

/** Working-day deadlines (R-C7); dueAt is returned in UTC ISO so it compares with the clock's timestamps. */
export function createWorkingCalendar(calendar?: HolidayCalendar): WorkingCalendar {
  return {
    dueAt(startIso, days) {
      const r = dueAtIso(startIso, days, calendar);
      return { dueAt: new Date(r.dueAt).toISOString(), outsideKnownYears: r.outsideKnownYears };
    },
  };
}
