import { describe, expect, it } from 'vitest';
import { cleanDisplayText } from './display-text';

describe('cleanDisplayText', () => {
  it('strips bidi overrides, embeddings, isolates and direction marks', () => {
    const spoofed = '\u202Eexe.\u202Cgnp \u202Aa\u202B \u202D b \u2066c\u2067d\u2068e\u2069 \u200Ef\u200Fg\u061Ch';
    expect(cleanDisplayText(spoofed, 'line')).toBe('exe.gnp a  b cde fgh');
  });

  it('strips C0 and C1 control characters, and turns line breaks and tabs into one space in a line', () => {
    expect(cleanDisplayText('Stora\u0007 torget\u001B\u007F\u0085\u009F', 'line')).toBe('Stora torget');
    expect(cleanDisplayText('Stora\r\n\ttorget', 'line')).toBe('Stora torget');
  });

  it('keeps tab and line breaks in a multi-line text', () => {
    expect(cleanDisplayText('Rundor\u202E\r\nvarje\tfredag\u0008', 'text')).toBe('Rundor\r\nvarje\tfredag');
  });

  it('leaves right-to-left script, emoji sequences and ordinary text alone', () => {
    for (const text of ['שלום עליכם', 'مرحبا', '👩‍👩‍👧 family', 'Gångtunneln – Grön­dal']) {
      expect(cleanDisplayText(text, 'line')).toBe(text);
    }
  });
});
