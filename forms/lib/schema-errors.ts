/**
 * The errors of a JSON Schema check as the user reads them: each on its field (a JSON Pointer into the form data)
 * with a Chinese message written for a clerk, never a type name, a pattern or a format's code name. One wording for
 * the server's ajv (forms/lib/server/ajv.ts) and the browser's checker (web/src/form/schema-check.ts), so both show
 * the same words for the same problem.
 */
import type { ErrorObject } from 'ajv';
import { ATTACHMENT_FORMAT } from './attachments';
import type { FieldError } from './definitions';

export type { FieldError };

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  boolean: '“是”或“否”',
  object: '一组内容',
  array: '列表',
  null: '空值',
};

const MONEY_MESSAGE = '应为金额（万元），非负数，最多两位小数，例如 1280.00';

const FORMAT_MESSAGES: Record<string, string> = {
  money: MONEY_MESSAGE,
  date: '日期格式不正确，应为 年-月-日，例如 2026-03-01',
  'date-time': '日期时间格式不正确',
  time: '时间格式不正确',
  email: '电子邮箱格式不正确',
  uri: '网址格式不正确',
  url: '网址格式不正确',
  [ATTACHMENT_FORMAT]: '附件无效，请重新上传',
};

type Params = Record<string, unknown>;

const n = (x: unknown) => String(x);

/** The message for one error: ajv's keyword and params (anything unknown reads 取值无效). */
export function messageOf(keyword: string, p: Params): string {
  switch (keyword) {
    case 'required':
    case 'dependencies':
    case 'dependentRequired':
      return '必填';
    case 'additionalProperties':
      return '不允许的属性';
    case 'type': {
      const types = String(p.type ?? '').split(',');
      return `应当是${types.map((t) => TYPE_NAMES[t] ?? '其他').join('或')}`;
    }
    case 'enum':
      return '应当是预设选项之一';
    case 'const':
      return '应当等于规定的值';
    case 'minLength':
      return p.limit === 1 ? '不能为空' : `不应少于 ${n(p.limit)} 个字符`;
    case 'maxLength':
      return `不应多于 ${n(p.limit)} 个字符`;
    case 'pattern':
      return '格式不正确';
    case 'format':
      return FORMAT_MESSAGES[String(p.format)] ?? '格式不正确';
    case 'minimum':
      return `应当大于或等于 ${n(p.limit)}`;
    case 'maximum':
      return `应当小于或等于 ${n(p.limit)}`;
    case 'exclusiveMinimum':
      return `应当大于 ${n(p.limit)}`;
    case 'exclusiveMaximum':
      return `应当小于 ${n(p.limit)}`;
    case 'multipleOf':
      return `应当是 ${n(p.multipleOf)} 的整数倍`;
    case 'minItems':
    case 'minProperties':
      return `不应少于 ${n(p.limit)} 项`;
    case 'maxItems':
    case 'maxProperties':
    case 'additionalItems':
      return `不应多于 ${n(p.limit)} 项`;
    case 'uniqueItems':
      return '不应有重复的项';
    case 'contains':
      return '应当至少有一项符合要求';
    case 'propertyNames':
      return '名称不符合要求';
    case 'anyOf':
      return '应当符合其中一种情形';
    case 'oneOf':
      return '应当符合且仅符合其中一种情形';
    case 'not':
      return '不应符合此情形';
    case 'false schema':
      return '不允许此项';
    default:
      return '取值无效';
  }
}

/**
 * An error inside one option of anyOf/oneOf or under not: the option's own error, summed up by the keyword's (a
 * property of that name, right after `properties`, is not a branch).
 */
const IN_BRANCH = /(?<!\/properties)\/((anyOf|oneOf)\/\d+|not)\//;

function escapePointerSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * ajv's errors as field errors. For `required` and `dependencies` the missing property is appended to the path, for
 * `additionalProperties` the extra one, so the message lands on the field itself. `if` errors are dropped (the failing
 * `then`/`else` is reported), and so are the errors inside the options of anyOf/oneOf/not (their keyword's own error
 * says what is wrong). With `only`, just the errors of those keywords are kept (e.g. SIZE_KEYWORDS).
 */
export function fieldErrors(
  errors: readonly ErrorObject[] | null | undefined,
  only?: ReadonlySet<string>,
): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  const wrongType = new Map<string, string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || (only && !only.has(e.keyword)) || IN_BRANCH.test(e.schemaPath)) continue;
    const p = (e.params ?? {}) as Params;
    let path = e.instancePath;
    if (typeof p.missingProperty === 'string') path = `${path}/${escapePointerSegment(p.missingProperty)}`;
    else if (e.keyword === 'additionalProperties' && typeof p.additionalProperty === 'string') {
      path = `${path}/${escapePointerSegment(p.additionalProperty)}`;
    }
    const message = messageOf(e.keyword, p);
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, message });
    if (e.keyword === 'type') wrongType.set(path, message);
  }
  // A value of the wrong kind is told only that: its other problems (not one of the options, too short) follow from it.
  return wrongType.size ? out.filter((f) => (wrongType.get(f.path) ?? f.message) === f.message) : out;
}
