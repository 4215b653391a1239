/**
 * Regular expressions on a linear-time engine (re2js: no backtracking, so no pattern can take
 * exponential time, e.g. `^(\w|\d)+$`). Lookarounds and backreferences are not supported: such a
 * pattern is refused (Re2SyntaxError) instead of run. Used by ajv for `pattern` (ajv.ts) and, on the
 * server, for JSONata's regex literals (useRegexEngine). The browser does not load it (bundle size).
 */
import { RE2JS } from 're2js';

/** re2js flags for the JavaScript flags a pattern may carry (i, m, s; g/u/y change nothing here). */
function flagsOf(flags: string): number {
  let f = 0;
  if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= RE2JS.MULTILINE;
  if (flags.includes('s')) f |= RE2JS.DOTALL;
  return f;
}

/** Compiles a JavaScript pattern on re2js; throws when the engine cannot run it. */
export function compileRe2(pattern: string, flags = ''): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(pattern), flagsOf(flags));
}

/**
 * ajv's `code.regExp`: `pattern` keywords are matched by re2js. ajv shares compiled patterns by their
 * toString(), so it must name the pattern (two patterns must never share one matcher).
 */
export function re2AjvEngine(pattern: string, flags: string) {
  const re = compileRe2(pattern, flags);
  return { test: (s: string) => re.matcher(s).find(), toString: () => `/${pattern}/${flags}` };
}
re2AjvEngine.code = 're2AjvEngine';

/**
 * A RegExp look-alike for JSONata (`new Engine(regexLiteral)`, then `exec(str)` from `lastIndex`):
 * what jsonata's $match, $contains, $replace and $split need, on re2js.
 */
export class Re2RegExp {
  lastIndex = 0;
  private readonly re: RE2JS;
  readonly source: string;
  readonly flags: string;

  constructor(pattern: string | RegExp, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    try {
      this.re = compileRe2(this.source, this.flags);
    } catch {
      throw { code: 'X_UNSUPPORTED_REGEX', value: this.source };
    }
  }

  exec(str: string): RegExpExecArray | null {
    const m = this.re.matcher(str);
    if (this.lastIndex > str.length || !m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined);
    const match = Object.assign(groups, { index: m.start(), input: str }) as unknown as RegExpExecArray;
    this.lastIndex = m.end();
    return match;
  }

  test(str: string): boolean {
    return this.exec(str) !== null;
  }
}
