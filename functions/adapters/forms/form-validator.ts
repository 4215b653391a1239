import { compileFormSchema, validateAgainstSchema } from '../../../forms/lib/ajv';
import { evaluateExpression } from '../../../forms/lib/expressions';
import { validateFormData } from '../../../forms/lib/form-logic';
import { checkUntrustedSchema } from '../../../forms/lib/schema-guard';
import { dueAtIso, type HolidayCalendar } from '../../../forms/lib/working-days';
import type { ErrorDetail } from '../../core/errors';
import type { FormLogic } from '../../core/model';
import type { ExpressionEvaluator, FormValidator, WorkingCalendar } from '../../core/ports';

/** The same forms/lib code as in the browser: schema, computed fields, rules. */
export function createFormValidator(): FormValidator {
  return {
    async check(form, data, options) {
      // A wider time budget than the browser's: the server must not refuse valid data because a busy
      // machine was slow; the budget still bounds a hostile expression.
      return validateFormData({ schema: form.schema, logic: form.logic }, data, {
        checkComputed: options.checkComputed,
        timeoutMs: 2000,
      });
    },
    checkDecisionFields(schema, fields) {
      return validateAgainstSchema(compileFormSchema(schema), fields);
    },
    async checkDefinition(schema, _uiSchema, logic) {
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
        if (typeof e.expr !== 'string') {
          errors.push({ path: e.path, message: '表达式必须是文本' });
          continue;
        }
        try {
          await evaluateExpression(e.expr, {}, { bindings: { settings: l.settings ?? {} } });
        } catch (err) {
          if ((err as { code?: string }).code !== 'evaluation')
            errors.push({ path: e.path, message: (err as Error).message });
        }
      }
      return errors;
    },
  };
}

export function createExpressionEvaluator(): ExpressionEvaluator {
  return {
    evaluate: (expr, input, bindings) => evaluateExpression(expr, input, { bindings }),
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
