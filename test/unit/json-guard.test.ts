import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../functions/api/middleware/json-guard';
import { BadRequestError, ValidationError } from '../../functions/core/errors';

/**
 * The guard every JSON request body passes before any handler: it parses what JSON.parse parses, and refuses
 * duplicate keys, deep nesting, oversized objects and arrays (before parsing), then forbidden keys, unsafe numbers
 * and control characters (after), each at its JSON Pointer.
 */
const SMALL = { maxDepth: 3, maxKeys: 3, maxArray: 3 };

function refusal(text: string, limits = undefined as typeof SMALL | undefined) {
  try {
    parseJsonBody(text, limits);
  } catch (err) {
    return err as ValidationError | BadRequestError;
  }
  throw new Error(`accepted: ${text}`);
}

describe('parseJsonBody', () => {
  it('parses what JSON.parse parses: strings with quotes, backslashes, braces, commas and escapes', () => {
    const texts = [
      '{"a":"x\\"y","b":"\\\\","c":"}{][,:","d":[1,"\\\\\\"",{"e":null}],"f":"\\u0041\\n"}',
      '[{"k":"\\\\"},{"k":"\\\\\\\\"}]',
      '"plain"',
      '  {"项目名称":"农村公路","金额":"12.50","行":[{"序号":1},{"序号":2}]}  ',
      '{"a/b":{"c~d":true}}',
    ];
    for (const text of texts) expect(parseJsonBody(text)).toEqual(JSON.parse(text));
    expect(parseJsonBody('   ')).toBeUndefined();
  });

  it('refuses a key twice in one object, also when written with an escape or after strings that look like JSON', () => {
    for (const text of [
      '{"a":1,"a":2}',
      '{"a":1,"\\u0061":2}',
      '{"a":"}","a":1}',
      '{"a":"\\",\\"a\\":","a":1}',
      '{"a":[1,{"b":2}],"a":3}',
      '{"x":{"k":"\\\\","k":1}}',
    ]) {
      const err = refusal(text);
      expect(err, text).toBeInstanceOf(ValidationError);
      expect(err.message).toBe('JSON 中存在重复的字段名');
      expect(err.details[0].message, text).toMatch(/^字段「(a|k)」重复$/);
    }
  });

  it('takes the same key in different objects, and key-like text inside values', () => {
    expect(parseJsonBody('{"a":{"a":1},"b":[{"a":1},{"a":2}],"c":"\\"a\\":1"}')).toEqual({
      a: { a: 1 },
      b: [{ a: 1 }, { a: 2 }],
      c: '"a":1',
    });
  });

  it('refuses nesting, keys and items past the limits before parsing; up to them is fine', () => {
    expect(parseJsonBody('[[["x"]]]', SMALL)).toEqual([[['x']]]);
    expect(refusal('[[[["x"]]]]', SMALL).message).toBe('请求体嵌套层级过深');
    expect(parseJsonBody('{"a":1,"b":2,"c":3}', SMALL)).toEqual({ a: 1, b: 2, c: 3 });
    expect(refusal('{"a":1,"b":2,"c":3,"d":4}', SMALL).message).toBe('请求体中的数组或对象过大');
    expect(parseJsonBody('[1,2,3]', SMALL)).toEqual([1, 2, 3]);
    expect(refusal('[1,2,3,4]', SMALL).message).toBe('请求体中的数组或对象过大');
    // Commas inside strings are not items.
    expect(parseJsonBody('["a,b,c,d,e"]', SMALL)).toEqual(['a,b,c,d,e']);
    expect(refusal(`{"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}`).message).toBe('请求体嵌套层级过深');
  });

  it('answers 400 to text that is not JSON, a key left open or a raw control character in a key', () => {
    for (const text of ['{"a":1', '{"a', '{"a\u0001":1}', "{'a':1}", '{"a":1,}']) {
      const err = refusal(text);
      expect(err, text).toBeInstanceOf(BadRequestError);
      expect(err.message).toBe('请求体不是有效的 JSON');
    }
  });

  it('refuses forbidden and empty keys, unsafe numbers and control characters at their JSON Pointer', () => {
    const at = (text: string) => {
      const err = refusal(text);
      expect(err, text).toBeInstanceOf(ValidationError);
      return [err.message, err.details[0].path];
    };
    expect(at('{"x":{"y":[{"__proto__":{"p":1}}]}}')).toEqual(['请求体包含不允许的字段名', '/x/y/0/__proto__']);
    expect(at('{"constructor":{"prototype":{}}}')).toEqual(['请求体包含不允许的字段名', '/constructor']);
    expect(at('{"a":{"":1}}')).toEqual(['请求体包含不允许的字段名', '/a/']);
    expect(at('{"a/b":{"c~d":"\\u0007"}}')).toEqual(['文本中含有不允许的控制字符', '/a~1b/c~0d']);
    expect(at('{"n":1e309}')).toEqual(['数值超出范围', '/n']);
    expect(at('{"list":[1,2,9007199254740993]}')).toEqual(['整数超出安全范围', '/list/2']);
    expect(at('"\\u202e"')).toEqual(['文本中含有不允许的控制字符', '/']);
    expect(at('{"k\\u202e":1}')).toEqual(['字段名含有控制字符', '/k\u202e']);
  });
});
