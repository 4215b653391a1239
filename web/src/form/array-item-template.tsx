/**
 * One row of a table drawn by rjsf's array field (every table but the indicator table): @rjsf/antd's item template,
 * drawn again only when something it shows changed.
 *
 * A keystroke in one row hands the array new data: rjsf fills the defaults of the whole form again, so every row
 * arrives as a new object with the same values, and its shallow `memo` draws every row's template (the move and
 * delete buttons, the grid) once more; a 100-row table spent most of a keystroke there. Here the props are compared
 * by value. Functions are compared by identity, so a row never keeps a stale button handler (rjsf keeps them
 * stable while the table is unchanged); the row's fields are the `children` element, compared by its type and props.
 */
import { generateTemplates } from '@rjsf/antd/lib/templates/index.js';
import type { ArrayFieldItemTemplateProps } from '@rjsf/utils';
import { type ComponentType, isValidElement, memo } from 'react';

const Stock = generateTemplates().ArrayFieldItemTemplate as ComponentType<ArrayFieldItemTemplateProps>;

/** Deeper than any row's data and props: beyond it, values count as changed (drawn again, never wrongly kept). */
const MAX_DEPTH = 12;

/** Same value: primitives and functions by identity, React elements by type, key and props, the rest member by member. */
export function sameValue(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (depth >= MAX_DEPTH) return false;
  if (isValidElement(a) || isValidElement(b)) {
    if (!isValidElement(a) || !isValidElement(b)) return false;
    return a.type === b.type && a.key === b.key && sameValue(a.props, b.props, depth + 1);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const proto = Object.getPrototypeOf(a);
  // Only plain data is compared member by member (a class instance, a Map or a Date counts as changed when it is new).
  if (!Array.isArray(a) && proto !== Object.prototype && proto !== null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1)) return false;
  }
  return true;
}

export const ArrayFieldItemTemplate = memo(Stock, (prev, next) => sameValue(prev, next));
