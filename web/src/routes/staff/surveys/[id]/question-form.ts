import { CHOICE_TYPES, CONDITION_TYPES, questionTypes, type LocalizedText, type SurveyQuestion } from '@lagesbild/shared';

type QuestionType = (typeof questionTypes)[number];
type Choice = { value: string; label: LocalizedText };

/** "Trygg i parken?" → "trygg_i_parken": a question id or option value from its text. */
export function slugOf(text: string, max = 40): string {
  const slug = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, max);
  return slug || 'x';
}

/** Choices as the coordinator types them, one per line: "value | Svensk text | English text". */
export function choicesToText(choices: Choice[] | undefined): string {
  return (choices ?? []).map((c) => [c.value, c.label.sv, c.label.en ?? ''].join(' | ').replace(/ \| $/, '')).join('\n');
}

/** A line with only a text gets a value made from it; "value | sv" and "value | sv | en" are taken as written. */
export function textToChoices(text: string): Choice[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const parts = line.split('|').map((p) => p.trim());
      const [value = '', sv = '', en = ''] = parts;
      if (parts.length === 1) return { value: slugOf(value), label: { sv: value } };
      return { value, label: { sv, ...(en ? { en } : {}) } };
    });
}

const yesNo: Choice[] = [
  { value: 'yes', label: { sv: 'Ja', en: 'Yes' } },
  { value: 'no', label: { sv: 'Nej', en: 'No' } },
];
const agreement: Choice[] = [
  { value: 'agree', label: { sv: 'Instämmer helt', en: 'Agree completely' } },
  { value: 'partly_agree', label: { sv: 'Instämmer delvis', en: 'Partly agree' } },
  { value: 'partly_disagree', label: { sv: 'Tar delvis avstånd', en: 'Partly disagree' } },
  { value: 'disagree', label: { sv: 'Tar helt avstånd', en: 'Disagree completely' } },
  { value: 'dont_know', label: { sv: 'Vet inte', en: "Don't know" } },
];

/** What a new question of a type starts with, so that it is valid from the first save. */
export function defaultsFor(type: QuestionType): Pick<SurveyQuestion, 'options' | 'rows'> {
  switch (type) {
    case 'single':
    case 'multiple':
      return { options: yesNo };
    case 'likert':
      return { options: agreement };
    case 'matrix':
      return {
        rows: [
          { value: 'row_1', label: { sv: 'Påstående 1', en: 'Statement 1' } },
          { value: 'row_2', label: { sv: 'Påstående 2', en: 'Statement 2' } },
        ],
        options: agreement,
      };
    default:
      return {};
  }
}

/** A field's text as sent; `missing` when it is not there (or is a file). */
function field(form: FormData, name: string, missing = ''): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : missing;
}

function localized(form: FormData, name: string): LocalizedText | undefined {
  const sv = field(form, `${name}_sv`).trim();
  const en = field(form, `${name}_en`).trim();
  if (!sv && !en) return undefined;
  return { sv, ...(en ? { en } : {}) };
}

function numberOf(form: FormData, name: string): number | undefined {
  const raw = field(form, name).trim().replace(',', '.');
  return raw === '' ? undefined : Number(raw);
}

/**
 * One question from its editor form. Fields that do not belong to the chosen type are
 * dropped; a choice question without options gets the type's defaults (a form posted
 * without JavaScript after changing the type has no options field yet).
 */
export function questionFromForm(form: FormData): SurveyQuestion {
  const type = field(form, 'type', 'text') as QuestionType;
  const isChoice = (CHOICE_TYPES as readonly string[]).includes(type);
  const question: SurveyQuestion = {
    id: field(form, 'id').trim(),
    type,
    required: form.get('required') === 'on',
    label: localized(form, 'label') ?? { sv: '' },
  };
  const help = localized(form, 'help');
  if (help) question.help = help;
  if (isChoice) {
    const options = textToChoices(field(form, 'options'));
    question.options = options.length > 0 ? options : (defaultsFor(type).options ?? []);
  }
  if (type === 'matrix') {
    const rows = textToChoices(field(form, 'rows'));
    question.rows = rows.length > 0 ? rows : (defaultsFor(type).rows ?? []);
  }
  if (type === 'number') {
    const min = numberOf(form, 'min');
    const max = numberOf(form, 'max');
    if (min !== undefined) question.min = min;
    if (max !== undefined) question.max = max;
  }
  const showIfQuestion = field(form, 'showif_question');
  if (showIfQuestion) {
    // Checkboxes are named "<question id>:<value>"; only the chosen question's count.
    const anyOf = form
      .getAll('showif_value')
      .map(String)
      .filter((v) => v.startsWith(`${showIfQuestion}:`))
      .map((v) => v.slice(showIfQuestion.length + 1));
    question.showIf = { questionId: showIfQuestion, anyOf };
  }
  return question;
}

/** Questions an answer can be conditioned on: earlier single, multiple and Likert questions. */
export function conditionCandidates(questions: SurveyQuestion[], before: number): SurveyQuestion[] {
  return questions.slice(0, before).filter((q) => (CONDITION_TYPES as readonly string[]).includes(q.type));
}

/** "body.questions.3.label.en" → question number 4 and the field "label.en" (for messages beside the form). */
export function problemLocation(path: string): { question: number | undefined; field: string } {
  const match = /^(?:body\.)?questions\.(\d+)\.?(.*)$/.exec(path);
  return match ? { question: Number(match[1]) + 1, field: match[2] ?? '' } : { question: undefined, field: path.replace(/^body\./, '') };
}
