/** stripKeys: what a repository hands back of a stored item is the record without its key attributes. */
import { describe, expect, it } from 'vitest';
import { stripKeys } from '../../functions/adapters/dynamodb/client';

describe('stripKeys', () => {
  it('drops the table and index keys, the entity tag and the expiry, and keeps every other attribute as it is', () => {
    const data = { rows: [{ name: '甲' }] };
    const item = {
      PK: 'SUB#1',
      SK: 'META',
      GSI1PK: 'INBOX#u',
      GSI1SK: '2026',
      GSI2PK: 'x',
      GSI2SK: 'y',
      entity: 'submission',
      expiresAt: 1,
      id: '1',
      status: 'open',
      dueAt: null,
      data,
    };
    const out = stripKeys<Record<string, unknown>>(item);
    expect(out).toEqual({ id: '1', status: 'open', dueAt: null, data });
    expect(out.data).toBe(data);
    expect(item.PK).toBe('SUB#1');
  });

  it('never takes an attribute for the prototype', () => {
    const item = JSON.parse('{"id":"1","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const out = stripKeys<Record<string, unknown>>(item);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
    expect(out).toEqual({ id: '1' });
  });
});
