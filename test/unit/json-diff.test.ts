import { describe, expect, it } from 'vitest';
import { diffJson, diffJsonWithMeta, jsonEqual } from '../../forms/lib/json-diff';

describe('json-diff', () => {
  it('returns nothing for equal values, whatever the key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(diffJson(null, null)).toEqual([]);
  });

  it('reports added, removed and changed properties with JSON Pointer paths', () => {
    const before = { title: '监控表', properties: { a: { type: 'string' }, gone: { type: 'number' } } };
    const after = {
      title: '运行监控表',
      properties: { a: { type: 'string', maxLength: 50 }, fresh: { type: 'boolean' } },
    };
    expect(diffJson(before, after)).toEqual([
      { path: '/title', kind: 'changed', before: '监控表', after: '运行监控表' },
      { path: '/properties/a/maxLength', kind: 'added', after: 50 },
      { path: '/properties/gone', kind: 'removed', before: { type: 'number' } },
      { path: '/properties/fresh', kind: 'added', after: { type: 'boolean' } },
    ]);
  });

  it('compares arrays index by index and reports extra elements', () => {
    expect(diffJson({ required: ['a', 'b'] }, { required: ['a', 'c', 'd'] })).toEqual([
      { path: '/required/1', kind: 'changed', before: 'b', after: 'c' },
      { path: '/required/2', kind: 'added', after: 'd' },
    ]);
    expect(diffJson([1, 2, 3], [1])).toEqual([
      { path: '/1', kind: 'removed', before: 2 },
      { path: '/2', kind: 'removed', before: 3 },
    ]);
  });

  it('reports a type change as one changed entry (object to array, number to string, value to null)', () => {
    expect(diffJson({ x: { a: 1 } }, { x: [1] })).toEqual([
      { path: '/x', kind: 'changed', before: { a: 1 }, after: [1] },
    ]);
    expect(diffJson({ x: 1 }, { x: '1' })).toEqual([{ path: '/x', kind: 'changed', before: 1, after: '1' }]);
    expect(diffJson({ x: 1 }, { x: null })).toEqual([{ path: '/x', kind: 'changed', before: 1, after: null }]);
  });

  it('escapes ~ and / in keys (RFC 6901) and prefixes a base path', () => {
    expect(diffJson({ 'ui:a/b~c': 1 }, { 'ui:a/b~c': 2 }, { basePath: '/uiSchema' })).toEqual([
      { path: '/uiSchema/ui:a~1b~0c', kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('treats an undefined property as absent', () => {
    expect(diffJson({ a: undefined, b: 1 }, { b: 1 })).toEqual([]);
    expect(jsonEqual({ a: undefined }, {})).toBe(true);
  });

  it('is bounded: stops at maxEntries and collapses subtrees below maxDepth', () => {
    const before = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    const r = diffJsonWithMeta(before, {}, { maxEntries: 10 });
    expect(r.entries).toHaveLength(10);
    expect(r.truncated).toBe(true);
    expect(diffJson({ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, { maxDepth: 1 })).toEqual([
      { path: '/a', kind: 'changed', before: { b: { c: 1 } }, after: { b: { c: 2 } } },
    ]);
  });

  it('handles hostile depth without overflowing the stack (depth limit)', () => {
    let a: unknown = 1;
    let b: unknown = 2;
    for (let i = 0; i < 5000; i++) {
      a = { n: a };
      b = { n: b };
    }
    const r = diffJson(a, b);
    expect(r).toHaveLength(1);
    expect(r[0].kind).toBe('changed');
  });
});
