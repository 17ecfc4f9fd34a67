import type { SurveyQuestion } from './api/surveys';
import type { Problem } from './survey-rules';

/** Question types answered by choosing among `options`. */
export const CHOICE_TYPES = ['single', 'multiple', 'likert', 'matrix'] as const;
/** Question types an answer can be tested against in a show-if rule. */
export const CONDITION_TYPES = ['single', 'multiple', 'likert'] as const;
export const QUESTIONS_MAX = 60;

const isChoice = (q: SurveyQuestion) => (CHOICE_TYPES as readonly string[]).includes(q.type);

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return twice;
}

/**
 * Whether a questionnaire is sound before it is saved: unique ids, show-if rules that refer to
 * an earlier choice question and to values it has, options where answers are chosen, rows for
 * a matrix, min ≤ max. Paths are relative to `prefix` (e.g. "body.questions"), so a form can
 * put each message beside its field. The same rules guide the builder page and bind the API.
 */
export function questionnaireProblems(questions: SurveyQuestion[], prefix = 'questions'): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path: `${prefix}.${path}`, message });
  if (questions.length > QUESTIONS_MAX) add(String(QUESTIONS_MAX), `a survey has at most ${QUESTIONS_MAX} questions`);
  const twice = duplicates(questions.map((q) => q.id));
  const pinQuestions = questions.filter((q) => q.type === 'pins');

  questions.forEach((q, i) => {
    if (twice.has(q.id)) add(`${i}.id`, `"${q.id}" is the id of another question too`);
    if (isChoice(q)) {
      if (!q.options || q.options.length === 0) add(`${i}.options`, 'a choice question needs options');
      else duplicates(q.options.map((o) => o.value)).forEach((v) => add(`${i}.options`, `the value "${v}" is used twice`));
    } else if (q.options) {
      add(`${i}.options`, 'only choice questions have options');
    }
    if (q.type === 'matrix') {
      if (!q.rows || q.rows.length === 0) add(`${i}.rows`, 'a matrix needs rows');
      else duplicates(q.rows.map((r) => r.value)).forEach((v) => add(`${i}.rows`, `the row "${v}" is used twice`));
    } else if (q.rows) {
      add(`${i}.rows`, 'only a matrix has rows');
    }
    if (q.type === 'number') {
      if (q.min !== undefined && q.max !== undefined && q.min > q.max) add(`${i}.max`, 'must be at least min');
    } else {
      if (q.min !== undefined) add(`${i}.min`, 'only number questions have a minimum');
      if (q.max !== undefined) add(`${i}.max`, 'only number questions have a maximum');
    }
    if (q.type === 'pins' && pinQuestions.length > 1 && pinQuestions[0] !== q) add(`${i}.type`, 'a survey has at most one map question');
    const { showIf } = q;
    if (showIf) {
      const earlierIndex = questions.findIndex((other) => other.id === showIf.questionId);
      const earlier = questions[earlierIndex];
      if (!earlier || earlierIndex >= i) {
        add(`${i}.showIf.questionId`, earlier ? 'must refer to an earlier question' : `there is no question "${showIf.questionId}"`);
      } else if (!(CONDITION_TYPES as readonly string[]).includes(earlier.type)) {
        add(`${i}.showIf.questionId`, 'must refer to a single choice, multiple choice or Likert question');
      } else {
        const values = new Set((earlier.options ?? []).map((o) => o.value));
        showIf.anyOf.forEach((value, j) => {
          if (!values.has(value)) add(`${i}.showIf.anyOf.${j}`, `"${value}" is not an option of "${earlier.id}"`);
        });
      }
    }
  });
  return problems;
}

/** Texts that have no English yet: a survey is published only when every text has both languages. */
export function missingTranslations(questions: SurveyQuestion[], prefix = 'questions'): Problem[] {
  const problems: Problem[] = [];
  const check = (path: string, text: { sv: string; en?: string | undefined } | undefined) => {
    if (text && !text.en?.trim()) problems.push({ path: `${prefix}.${path}.en`, message: 'needs an English text' });
  };
  questions.forEach((q, i) => {
    check(`${i}.label`, q.label);
    check(`${i}.help`, q.help);
    q.options?.forEach((o, j) => check(`${i}.options.${j}.label`, o.label));
    q.rows?.forEach((r, j) => check(`${i}.rows.${j}.label`, r.label));
  });
  return problems;
}
