import type { SurveyQuestion } from './api/surveys';

export type Answers = Record<string, unknown>;
export interface Problem {
  path: string;
  message: string;
}

/** Whether a question is shown, given the answers so far (show-if on an earlier answer). */
export function isShown(question: Pick<SurveyQuestion, 'showIf'>, answers: Answers): boolean {
  const { showIf } = question;
  if (!showIf) return true;
  const earlier = answers[showIf.questionId];
  const given = Array.isArray(earlier) ? earlier : [earlier];
  return given.some((value) => typeof value === 'string' && showIf.anyOf.includes(value));
}

function checkAnswer(q: SurveyQuestion, value: unknown, path: string): string | undefined {
  const options = new Set((q.options ?? []).map((o) => o.value));
  switch (q.type) {
    case 'single':
    case 'likert':
      if (typeof value !== 'string') return 'must be one of the options';
      return options.has(value) ? undefined : `"${value}" is not an option of this question`;
    case 'multiple':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) return 'must be a list of options';
      if (new Set(value).size !== value.length) return 'lists an option twice';
      return value.find((v) => !options.has(v as string)) !== undefined
        ? `"${value.find((v) => !options.has(v as string))}" is not an option of this question`
        : undefined;
    case 'matrix': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must map each row to an option';
      const rows = new Set((q.rows ?? []).map((r) => r.value));
      for (const [row, choice] of Object.entries(value)) {
        if (!rows.has(row)) return `"${row}" is not a row of this question`;
        if (typeof choice !== 'string' || !options.has(choice)) return `${path}.${row}: "${String(choice)}" is not an option`;
      }
      return undefined;
    }
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (q.min !== undefined && value < q.min) return `must be at least ${q.min}`;
      if (q.max !== undefined && value > q.max) return `must be at most ${q.max}`;
      return undefined;
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'pins':
      return 'pins are sent in "pins", not in "answers"';
  }
}

/**
 * Checks answers against the questionnaire: no unknown questions, only options that exist,
 * required questions answered when shown, nothing answered that the show-if rules hide.
 * The same rules run on the phone (to guide) and on the server (to decide).
 */
export function answerProblems(questions: SurveyQuestion[], answers: Answers, pinCount: number): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) problems.push({ path: `answers.${id}`, message: 'is not a question of this survey' });
  }
  for (const q of questions) {
    const path = `answers.${q.id}`;
    const value = answers[q.id];
    const shown = isShown(q, answers);
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (!shown) {
      if (!empty) problems.push({ path, message: 'is hidden by an earlier answer and must be left out' });
      continue;
    }
    if (q.type === 'pins') {
      if (q.required && pinCount === 0) problems.push({ path: 'pins', message: 'at least one place is required' });
      continue;
    }
    if (empty) {
      if (q.required) problems.push({ path, message: 'is required' });
      continue;
    }
    const problem = checkAnswer(q, value, path);
    if (problem) problems.push({ path, message: problem });
  }
  return problems;
}

/**
 * Whether an answer says anything: a place, or a question answered with more than blanks. An
 * empty submission is refused rather than counted as a respondent who told us nothing.
 */
export function hasContent(answers: Answers, pinCount: number): boolean {
  if (pinCount > 0) return true;
  return Object.values(answers).some((value) => {
    if (typeof value === 'string') return value.trim() !== '';
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
    return value !== undefined;
  });
}
