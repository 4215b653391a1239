/**
 * A small check for patterns a backtracking engine (native RegExp) may run in exponential time: an
 * unbounded quantifier (`*`, `+`, `{n,}`) on a group that itself contains a quantifier (`(a+)+`) or an
 * alternation (`(\w|\d)+`, which the old safe-regex check missed). The server runs patterns on re2js
 * (linear time) anyway; this check keeps them safe where native RegExp runs them (the browser), and the
 * admin's save refuses them so both sides agree.
 */

interface Group {
  quantified: boolean;
  alternation: boolean;
}

/** True when the pattern has no unboundedly repeated group containing a quantifier or an alternation. */
export function isSafePattern(pattern: string | RegExp): boolean {
  const src = typeof pattern === 'string' ? pattern : pattern.source;
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let i = 0;
  const unboundedAt = (j: number) => src[j] === '*' || src[j] === '+' || /^\{\d+,\}/.test(src.slice(j));
  const anyQuantifierAt = (j: number) => unboundedAt(j) || src[j] === '?' || /^\{\d+(,\d*)?\}/.test(src.slice(j));
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      i++;
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      i++;
      continue;
    } else if (c === ')') {
      const group = stack.length > 1 ? (stack.pop() as Group) : { quantified: false, alternation: false };
      i++;
      if (unboundedAt(i) && (group.quantified || group.alternation)) return false;
      if (anyQuantifierAt(i) || group.quantified) stack[stack.length - 1].quantified = true;
      continue;
    } else if (c === '|') {
      stack[stack.length - 1].alternation = true;
      i++;
      continue;
    } else {
      i++;
    }
    if (anyQuantifierAt(i)) stack[stack.length - 1].quantified = true;
  }
  return true;
}
