import { describe, expect, it } from 'vitest';
import { findPersonalData, piiSegments, redactPersonalData, type PiiKind } from './pii';

const found = (text: string) => findPersonalData(text).map((m) => [m.kind, m.text] as [PiiKind, string]);

describe('findPersonalData: personal identity numbers', () => {
  it.each([
    ['Mitt personnummer är 850709-9805.', '850709-9805'],
    ['pnr 850709+9805 (över hundra)', '850709+9805'],
    ['19850709-9805', '19850709-9805'],
    ['198507099805', '198507099805'],
    ['8507099805', '8507099805'],
    ['samordningsnummer 850769-9802', '850769-9802'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['personnummer', expected]]);
  });

  it('ignores dates, years and ten digits that fail the check digit', () => {
    expect(found('Det hände 2024-05-12 vid 22-tiden')).toEqual([]);
    expect(found('Sedan 1990-2000 har det varit lugnt')).toEqual([]);
    expect(found('ordernummer 8507099806')).toEqual([]);
    // Month 13 is no date.
    expect(found('851309-1234')).toEqual([]);
  });
});

describe('findPersonalData: phone numbers', () => {
  it.each([
    ['Ring mig på 070-123 45 67', '070-123 45 67'],
    ['0701234567', '0701234567'],
    ['073 123 45 67 efter fem', '073 123 45 67'],
    ['+46 70 123 45 67', '+46 70 123 45 67'],
    ['+46701234567', '+46701234567'],
    ['0046 70 123 45 67', '0046 70 123 45 67'],
    ['växeln 08-123 456 78', '08-123 456 78'],
    ['08-12 34 56', '08-12 34 56'],
    ['0370-37 70 00', '0370-37 70 00'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['phone', expected]]);
  });

  it('stops at the number when more digits follow', () => {
    expect(found('ring 070-123 45 67 2 gånger')).toEqual([['phone', '070-123 45 67']]);
  });

  it('leaves short numbers, counts and years alone', () => {
    expect(found('Det var 12 personer vid busshållplats 5 år 2023')).toEqual([]);
    expect(found('070-123')).toEqual([]);
  });
});

describe('findPersonalData: e-mail and street addresses', () => {
  it('finds e-mail addresses, å ä ö included', () => {
    expect(found('skriv till anna.svensson@example.se eller åsa@härnösand.se!')).toEqual([
      ['email', 'anna.svensson@example.se'],
      ['email', 'åsa@härnösand.se'],
    ]);
  });

  it.each([
    ['Han bor på Storgatan 5.', 'Storgatan 5'],
    ['Kungsgatan 12B är otrygg', 'Kungsgatan 12B'],
    ['utanför Kungsgatan 12 B på kvällen', 'Kungsgatan 12 B'],
    ['vid Västra vägen 3', 'Västra vägen 3'],
    ['mörkt på drottninggatan 14', 'drottninggatan 14'],
    ['Lilla torget 2', 'Lilla torget 2'],
    ['STORGATAN 5', 'STORGATAN 5'],
  ])('finds %s', (text, expected) => {
    expect(found(text)).toEqual([['address', expected]]);
  });

  it('leaves streets without a number and other words with numbers alone', () => {
    expect(found('Storgatan är mörk, och vägen 3 gånger längre')).toEqual([]);
    expect(found('Det står 5 bilar på gatan')).toEqual([]);
    expect(found('Storgatan 5 och 7')).toEqual([['address', 'Storgatan 5']]);
  });
});

describe('findPersonalData: mixed text', () => {
  it('finds several kinds in order without overlaps', () => {
    const text = 'Peter (850709-9805) på Storgatan 5, tel 070-123 45 67, peter@example.com';
    expect(found(text)).toEqual([
      ['personnummer', '850709-9805'],
      ['address', 'Storgatan 5'],
      ['phone', '070-123 45 67'],
      ['email', 'peter@example.com'],
    ]);
    for (const m of findPersonalData(text)) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('suggests a redaction and cuts the text into highlightable parts', () => {
    const text = 'Ring 0701234567 om Storgatan 5';
    expect(redactPersonalData(text)).toBe('Ring […] om […]');
    expect(redactPersonalData(text, '***')).toBe('Ring *** om ***');
    expect(piiSegments(text)).toEqual([
      { text: 'Ring ' },
      { text: '0701234567', kind: 'phone' },
      { text: ' om ' },
      { text: 'Storgatan 5', kind: 'address' },
    ]);
    expect(redactPersonalData('Inget här')).toBe('Inget här');
  });
});
