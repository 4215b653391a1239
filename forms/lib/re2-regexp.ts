/**
 * Regular expressions on a linear-time engine (re2js: no backtracking, so no pattern can take
 * exponential time, e.g. `^(\w|\d)+$`). Lookarounds and backreferences are not supported, and
 * patterns compiling to more than MAX_PROGRAM_SIZE instructions are too costly: such a pattern is refused
 * instead of run. Used by ajv for `pattern` (ajv.ts) and, on the
 * server, for JSONata's regex literals (installRegexEngine). The browser does not load it (bundle size).
 *
 * The engine (≈150 KB) is loaded on demand: `await loadRe2()` before the first pattern compiles (the
 * server's validator and its write requests do), so a cold start that serves a read never evaluates it.
 * The Lambda bundle leaves it out of index.mjs and ships it beside it (infra/constructs/app-function.ts).
 */
import type { RE2JS } from 're2js';

let engine: typeof RE2JS | undefined;

/** Loads the regex engine once; every later call resolves at once. */
export async function loadRe2(): Promise<void> {
  engine ??= (await import('re2js')).RE2JS;
}

function re2(): typeof RE2JS {
  if (!engine) throw new Error('the regex engine is not loaded: await loadRe2() before compiling a pattern');
  return engine;
}

/** re2js flags for the JavaScript flags a pattern may carry (i, m, s; g/u/y change nothing here). */
function flagsOf(flags: string): number {
  const E = re2();
  let f = 0;
  if (flags.includes('i')) f |= E.CASE_INSENSITIVE;
  if (flags.includes('m')) f |= E.MULTILINE;
  if (flags.includes('s')) f |= E.DOTALL;
  return f;
}

/**
 * Largest compiled program accepted. Matching is linear in the input but proportional to the program,
 * which nested counted repetitions blow up (`((a?\w){2,}){1,30}` is 423, one more level is 10,000+).
 */
export const MAX_PROGRAM_SIZE = 1000;

/** Compiles a JavaScript pattern on re2js; throws when the engine cannot run it or it is too complex. */
export function compileRe2(pattern: string, flags = ''): RE2JS {
  const E = re2();
  const re = E.compile(E.translateRegExp(pattern), flagsOf(flags));
  if (re.programSize() > MAX_PROGRAM_SIZE) throw new Error(`pattern too complex: ${re.programSize()}`);
  return re;
}

/**
 * ajv's `code.regExp`: `pattern` keywords are matched by re2js. ajv shares compiled patterns by their
 * toString(), so it must name the pattern (two patterns must never share one matcher).
 */
export function re2AjvEngine(pattern: string, flags: string) {
  const re = compileRe2(pattern, flags);
  return { test: (s: string) => re.test(s), toString: () => `/${pattern}/${flags}` };
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
    re2(); // an engine not loaded is a programming error, not an unsupported pattern
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
