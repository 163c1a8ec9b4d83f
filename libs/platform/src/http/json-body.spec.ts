import { jsonBodyProblem, MAX_JSON_DEPTH } from './json-body';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('jsonBodyProblem', () => {
  it('lets ordinary bodies through, brackets and escapes inside strings included', () => {
    expect(jsonBodyProblem('{"label":"PC [1] {x}","a":[1,{"b":"\\"]]]"}]}')).toBeNull();
    expect(jsonBodyProblem(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`)).toBeNull();
    // An escaped backslash followed by the text u0000 is no NUL.
    expect(jsonBodyProblem('{"label":"a\\\\u0000b"}')).toBeNull();
  });

  it('refuses nesting deeper than the limit without recursing, at any depth', () => {
    expect(jsonBodyProblem(`{"a":${nested(MAX_JSON_DEPTH)}}`)).toMatchObject({
      code: 'JSON_TOO_DEEP',
      status: 400,
    });
    expect(jsonBodyProblem(nested(1_000_000))?.code).toBe('JSON_TOO_DEEP');
  });

  it('refuses a NUL escape in a string or a key', () => {
    expect(jsonBodyProblem('{"label":"a\\u0000b"}')).toMatchObject({
      code: 'INVALID_CHARACTER',
      status: 400,
    });
    expect(jsonBodyProblem('{"a\\u0000":1}')?.code).toBe('INVALID_CHARACTER');
    expect(jsonBodyProblem('{"label":"a\\u0001b"}')).toBeNull();
  });
});
