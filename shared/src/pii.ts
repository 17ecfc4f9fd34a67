/**
 * Finds what in a resident's free text may identify someone: Swedish personal identity numbers,
 * phone numbers, e-mail addresses and street addresses. A help for the coordinator who moderates
 * (the page highlights what is found and suggests a redaction), never a guarantee: names and
 * descriptions of people are for the coordinator's eye. Pure, so it runs on the server and in
 * the browser alike.
 */
export const piiKinds = ['personnummer', 'phone', 'email', 'address'] as const;
export type PiiKind = (typeof piiKinds)[number];

export interface PiiMatch {
  kind: PiiKind;
  /** UTF-16 offsets into the text, `end` exclusive. */
  start: number;
  end: number;
  text: string;
}

/** Not a letter or digit on either side (JavaScript's \b knows no å, ä, ö). */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

const PERSONNUMMER = new RegExp(`${B}((?:19|20)?)(\\d{2})(\\d{2})(\\d{2})\\s?([-+]?)\\s?(\\d{4})${E}`, 'gu');
const EMAIL = new RegExp(`${B}[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}${E}`, 'gu');
/** A run of digits with spaces, hyphens and brackets between: checked against Swedish numbering below. */
const PHONE = new RegExp(`(?<![\\p{L}\\p{N}+])(?:\\+|00)?\\d(?:[\\d\\s()-]{5,20}\\d)${E}`, 'gu');
const STREET_SUFFIXES = [
  'gatan',
  'gata',
  'vägen',
  'väg',
  'gränden',
  'gränd',
  'torget',
  'torg',
  'stigen',
  'stig',
  'allén',
  'allé',
  'backen',
  'backe',
  'leden',
  'stråket',
  'kajen',
  'gången',
  'slingan',
  'ringen',
  'esplanaden',
  'promenaden',
  'plan',
  'platsen',
];
const SUFFIX = `(?:${[...STREET_SUFFIXES, ...STREET_SUFFIXES.map((s) => s.toUpperCase())].join('|')})`;
/**
 * "Storgatan 5", "Kungsgatan 12B", "Västra vägen 3 b": a street-like word (or a capitalised word
 * before a bare "vägen") and a house number with an optional letter.
 */
const ADDRESS = new RegExp(
  `${B}(?:(\\p{Lu}\\p{Ll}+\\s${SUFFIX})|(\\p{L}{2,}${SUFFIX}))\\s(\\d{1,4})(?:\\s?\\p{L}(?![\\p{L}\\p{N}]))?${E}`,
  'gu',
);

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return sum % 10 === 0;
}

function validDate(month: number, day: number): boolean {
  // Co-ordination numbers (samordningsnummer) add 60 to the day.
  const d = day > 60 ? day - 60 : day;
  return month >= 1 && month <= 12 && d >= 1 && d <= 31;
}

function personnummer(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const m of text.matchAll(PERSONNUMMER)) {
    const [whole, , yy = '', mm = '', dd = '', sep = '', last4 = ''] = m;
    if (!validDate(Number(mm), Number(dd))) continue;
    // Without a separator ten digits are as likely a phone number: then the check digit decides.
    if (!sep && !luhnValid(yy + mm + dd + last4)) continue;
    found.push({ kind: 'personnummer', start: m.index, end: m.index + whole.length, text: whole });
  }
  return found;
}

function isSwedishPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (candidate.startsWith('+46') || candidate.startsWith('0046')) {
    const national = digits.slice(candidate.startsWith('+') ? 2 : 4).replace(/^0/, '');
    return national.length >= 7 && national.length <= 9;
  }
  if (candidate.startsWith('+') || candidate.startsWith('00')) return digits.length >= 9 && digits.length <= 15;
  // National format: a leading 0 (trunk prefix), 8 to 10 digits in all (mobile 07x: 10).
  if (!digits.startsWith('0')) return false;
  if (digits.startsWith('07')) return digits.length === 10;
  return digits.length >= 8 && digits.length <= 10;
}

function phones(text: string): PiiMatch[] {
  const found: PiiMatch[] = [];
  for (const m of text.matchAll(PHONE)) {
    let candidate = m[0];
    // "070-123 45 67 2 gånger": drop trailing digit groups until the rest is a number.
    while (candidate && !isSwedishPhone(candidate)) {
      const shorter = candidate.replace(/[\s()-]*\d+[\s()-]*$/, '');
      if (shorter === candidate) break;
      candidate = shorter;
    }
    candidate = candidate.replace(/[\s(-]+$/, '');
    if (candidate && isSwedishPhone(candidate))
      found.push({ kind: 'phone', start: m.index, end: m.index + candidate.length, text: candidate });
  }
  return found;
}

function simple(text: string, pattern: RegExp, kind: PiiKind): PiiMatch[] {
  return [...text.matchAll(pattern)].map((m) => ({ kind, start: m.index, end: m.index + m[0].length, text: m[0] }));
}

const PRIORITY: Record<PiiKind, number> = { email: 0, personnummer: 1, phone: 2, address: 3 };

/** Every match, in text order, without overlaps (an e-mail beats the digits inside it, and so on). */
export function findPersonalData(text: string): PiiMatch[] {
  const all = [...simple(text, EMAIL, 'email'), ...personnummer(text), ...phones(text), ...simple(text, ADDRESS, 'address')];
  all.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: PiiMatch[] = [];
  for (const match of all) {
    if (kept.every((k) => match.end <= k.start || match.start >= k.end)) kept.push(match);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The text with every match replaced by `mask`: the suggested redaction. */
export function redactPersonalData(text: string, mask = '[…]', matches: PiiMatch[] = findPersonalData(text)): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + mask;
    at = m.end;
  }
  return out + text.slice(at);
}

/** The text cut into plain and found parts, for highlighting. */
export function piiSegments(text: string, matches: PiiMatch[] = findPersonalData(text)): { text: string; kind?: PiiKind }[] {
  const parts: { text: string; kind?: PiiKind }[] = [];
  let at = 0;
  for (const m of matches) {
    if (m.start > at) parts.push({ text: text.slice(at, m.start) });
    parts.push({ text: m.text, kind: m.kind });
    at = m.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return parts;
}
