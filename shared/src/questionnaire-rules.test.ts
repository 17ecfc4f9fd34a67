import { describe, expect, it } from 'vitest';
import type { SurveyQuestion } from './api/surveys';
import { standardQuestions } from './question-bank';
import { missingTranslations, questionnaireProblems } from './questionnaire-rules';
import { must } from './must';

const yesNo = [
  { value: 'yes', label: { sv: 'Ja', en: 'Yes' } },
  { value: 'no', label: { sv: 'Nej', en: 'No' } },
];
const q = (over: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'type'>): SurveyQuestion => ({
  required: false,
  label: { sv: 'Fråga', en: 'Question' },
  ...over,
});
const paths = (questions: SurveyQuestion[]) => questionnaireProblems(questions, 'body.questions').map((p) => p.path);

describe('questionnaireProblems', () => {
  it('accepts the standard questions', () => {
    expect(questionnaireProblems(standardQuestions())).toEqual([]);
    expect(missingTranslations(standardQuestions())).toEqual([]);
  });

  it('refuses a question id used twice', () => {
    expect(paths([q({ id: 'a', type: 'text' }), q({ id: 'a', type: 'text' })])).toEqual(['body.questions.0.id', 'body.questions.1.id']);
  });

  it('needs options for choice questions and rows for a matrix, and refuses them elsewhere', () => {
    expect(paths([q({ id: 'a', type: 'single' })])).toEqual(['body.questions.0.options']);
    expect(paths([q({ id: 'a', type: 'matrix', options: yesNo })])).toEqual(['body.questions.0.rows']);
    expect(paths([q({ id: 'a', type: 'text', options: yesNo })])).toEqual(['body.questions.0.options']);
    expect(paths([q({ id: 'a', type: 'likert', options: [...yesNo, must(yesNo[0], 'yesNo[0]')] })])).toEqual(['body.questions.0.options']);
  });

  it('wants min ≤ max on numbers only', () => {
    expect(paths([q({ id: 'n', type: 'number', min: 5, max: 1 })])).toEqual(['body.questions.0.max']);
    expect(paths([q({ id: 'n', type: 'number', min: 1, max: 1 })])).toEqual([]);
    expect(paths([q({ id: 't', type: 'text', min: 1 })])).toEqual(['body.questions.0.min']);
  });

  it('wants show-if to refer to an earlier choice question and to its values', () => {
    const first = q({ id: 'first', type: 'single', options: yesNo });
    expect(paths([first, q({ id: 'then', type: 'text', showIf: { questionId: 'first', anyOf: ['yes'] } })])).toEqual([]);
    expect(paths([q({ id: 'then', type: 'text', showIf: { questionId: 'first', anyOf: ['yes'] } }), first])).toEqual([
      'body.questions.0.showIf.questionId',
    ]);
    expect(paths([first, q({ id: 'then', type: 'text', showIf: { questionId: 'ghost', anyOf: ['yes'] } })])).toEqual([
      'body.questions.1.showIf.questionId',
    ]);
    expect(paths([first, q({ id: 'then', type: 'text', showIf: { questionId: 'first', anyOf: ['yes', 'maybe'] } })])).toEqual([
      'body.questions.1.showIf.anyOf.1',
    ]);
    expect(paths([q({ id: 'txt', type: 'text' }), q({ id: 'then', type: 'text', showIf: { questionId: 'txt', anyOf: ['x'] } })])).toEqual([
      'body.questions.1.showIf.questionId',
    ]);
    expect(paths([q({ id: 'self', type: 'single', options: yesNo, showIf: { questionId: 'self', anyOf: ['yes'] } })])).toEqual([
      'body.questions.0.showIf.questionId',
    ]);
  });

  it('allows one map question', () => {
    expect(paths([q({ id: 'a', type: 'pins' }), q({ id: 'b', type: 'pins' })])).toEqual(['body.questions.1.type']);
  });
});

describe('missingTranslations', () => {
  it('names every text without English', () => {
    const questions = [q({ id: 'a', type: 'single', label: { sv: 'Fråga' }, options: [{ value: 'x', label: { sv: 'X', en: ' ' } }] })];
    expect(missingTranslations(questions).map((p) => p.path)).toEqual(['questions.0.label.en', 'questions.0.options.0.label.en']);
  });
});
