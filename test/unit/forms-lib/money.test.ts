import { describe, expect, it } from 'vitest';
import {
  addMoney,
  MONEY_PATTERN,
  MoneyError,
  moneyEquals,
  percentOf,
  round2,
  subMoney,
  sumMoney,
  toMoney,
} from '../../../forms/lib/money';

describe('money', () => {
  it('adds 0.1 and 0.2 to exactly 0.30', () => {
    expect(addMoney(0.1, 0.2)).toBe('0.30');
    expect(addMoney('0.1', '0.2')).toBe('0.30');
  });

  it('rounds half-up to 2 decimals, also for numbers whose binary form is just below the half', () => {
    expect(toMoney(2.345)).toBe('2.35');
    expect(toMoney('2.345')).toBe('2.35');
    expect(toMoney(1.005)).toBe('1.01');
    expect(toMoney('-2.345')).toBe('-2.35');
    expect(toMoney(1280)).toBe('1280.00');
    expect(toMoney('-0.001')).toBe('0.00');
    expect(toMoney(1e-7)).toBe('0.00');
  });

  it('sums a column exactly and skips empty cells', () => {
    expect(sumMoney(['1180.00', '0.00', '100.00'])).toBe('1280.00');
    expect(sumMoney(['1150.60', '45.00', '88.40'])).toBe('1284.00');
    expect(sumMoney(['1.10', undefined, null, '', 2.2])).toBe('3.30');
    expect(sumMoney([])).toBe('0.00');
  });

  it('subtracts into a possibly negative amount (核减额)', () => {
    expect(subMoney('1600.00', '1486.30')).toBe('113.70');
    expect(subMoney('100', '100.5')).toBe('-0.50');
  });

  it('compares amounts by decimal value', () => {
    expect(moneyEquals('1280', '1280.00')).toBe(true);
    expect(moneyEquals(0.3, addMoney(0.1, 0.2))).toBe(true);
    expect(moneyEquals('1280.01', '1280.00')).toBe(false);
    expect(moneyEquals('abc', '1')).toBe(false);
  });

  it('computes a percentage with 2 decimals and null over a zero whole', () => {
    expect(percentOf('113.70', '1600.00')).toBe(7.11);
    expect(percentOf('1284.00', '1325.00')).toBe(96.91);
    expect(percentOf('1', '0.00')).toBeNull();
  });

  it('rounds numbers half-up with round2', () => {
    expect(round2(2.345)).toBe(2.35);
    expect(round2(8.333333)).toBe(8.33);
    expect(round2(-0.001)).toBe(0);
  });

  it('refuses what is not plain decimal notation', () => {
    for (const bad of ['1e3', 'Infinity', '１２', '', '0x10', '1,000']) {
      expect(() => toMoney(bad)).toThrow(MoneyError);
    }
    expect(() => toMoney(Number.NaN)).toThrow(MoneyError);
  });

  it('exposes the non-negative money pattern: 12 integer digits, 2 decimals, no sign or leading zero', () => {
    const re = new RegExp(MONEY_PATTERN);
    expect(['0', '0.5', '1280.00', '999999999999.99'].every((s) => re.test(s))).toBe(true);
    expect(['-1.00', '01', '1.234', '1000000000000', '1.'].some((s) => re.test(s))).toBe(false);
  });
});
