import { describe, expect, it } from 'vitest';
import { csvDocument, csvField } from './csv';

describe('CSV for spreadsheets', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+46 70')).toBe("'+46 70");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('Våld')).toBe('Våld');
  });

  it('writes numbers with a decimal comma and keeps negative numbers numbers', () => {
    expect(csvField(0.375)).toBe('0,375');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('starts with a BOM and ends lines with CRLF', () => {
    expect(csvDocument(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa;b\r\n1;x\r\n');
  });
});
