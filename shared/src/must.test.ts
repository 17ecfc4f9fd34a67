import { describe, expect, it } from 'vitest';
import { must } from './must';

describe('must', () => {
  it('returns a present value, falsy ones included', () => {
    expect(must(0, 'zero')).toBe(0);
    expect(must('', 'empty text')).toBe('');
  });

  it('names what is missing', () => {
    expect(() => must(undefined, 'the first row')).toThrow('the first row is missing');
    expect(() => must(null, 'the session')).toThrow('the session is missing');
  });
});
