import type { SurveyQuestion } from './api/surveys';
import { categories } from './taxonomy';

/**
 * The standard questions, modelled on Brå's national safety survey (NTU). Surveys are built
 * from these (and from coordinators' own questions); the ids are stable because answers and
 * the problem picture refer to them.
 */
export type Localized = { sv: string; en: string };
export type QuestionType = 'single' | 'multiple' | 'likert' | 'matrix' | 'number' | 'text' | 'pins';

export interface BankOption {
  value: string;
  label: Localized;
}

export interface BankQuestion {
  id: string;
  type: QuestionType;
  label: Localized;
  options?: BankOption[];
  /** Matrix questions: one row per item, each answered with one of `options`. */
  rows?: BankOption[];
}

const safetyScale: BankOption[] = [
  { value: 'very_safe', label: { sv: 'Mycket trygg', en: 'Very safe' } },
  { value: 'fairly_safe', label: { sv: 'Ganska trygg', en: 'Fairly safe' } },
  { value: 'fairly_unsafe', label: { sv: 'Ganska otrygg', en: 'Fairly unsafe' } },
  { value: 'very_unsafe', label: { sv: 'Mycket otrygg', en: 'Very unsafe' } },
  { value: 'dont_go_out', label: { sv: 'Går aldrig ut ensam sent på kvällen', en: 'I never go out alone late in the evening' } },
];

const worryScale: BankOption[] = [
  { value: 'very_often', label: { sv: 'Mycket ofta', en: 'Very often' } },
  { value: 'fairly_often', label: { sv: 'Ganska ofta', en: 'Fairly often' } },
  { value: 'seldom', label: { sv: 'Sällan', en: 'Seldom' } },
  { value: 'never', label: { sv: 'Aldrig', en: 'Never' } },
];

/** Answers that count as "a big problem" in the problem picture. */
export const problemScale: BankOption[] = [
  { value: 'big', label: { sv: 'Stort problem', en: 'A big problem' } },
  { value: 'fairly_big', label: { sv: 'Ganska stort problem', en: 'A fairly big problem' } },
  { value: 'small', label: { sv: 'Ganska litet problem', en: 'A fairly small problem' } },
  { value: 'none', label: { sv: 'Inget problem alls', en: 'No problem at all' } },
  { value: 'dont_know', label: { sv: 'Vet inte', en: "Don't know" } },
];

export const FEELS_UNSAFE = ['fairly_unsafe', 'very_unsafe'] as const;
export const BIG_PROBLEM = ['big', 'fairly_big'] as const;

export const questionBank: BankQuestion[] = [
  {
    id: 'safety_evening',
    type: 'likert',
    label: {
      sv: 'Hur trygg känner du dig om du går ut ensam sent en kväll i området där du bor?',
      en: 'How safe do you feel walking alone late in the evening in the area where you live?',
    },
    options: safetyScale,
  },
  {
    id: 'worry_crime',
    type: 'likert',
    label: {
      sv: 'Hur ofta har du under de senaste tolv månaderna känt dig orolig för att utsättas för brott?',
      en: 'In the last twelve months, how often have you worried about becoming a victim of crime?',
    },
    options: worryScale,
  },
  {
    id: 'avoided_places',
    type: 'single',
    label: {
      sv: 'Har du under de senaste tolv månaderna valt en annan väg eller undvikit platser av oro för brott?',
      en: 'In the last twelve months, have you taken another route or avoided places because of worry about crime?',
    },
    options: [
      { value: 'yes', label: { sv: 'Ja', en: 'Yes' } },
      { value: 'no', label: { sv: 'Nej', en: 'No' } },
    ],
  },
  {
    id: 'problems',
    type: 'matrix',
    label: {
      sv: 'Hur stort problem anser du att följande är i området där du bor?',
      en: 'How big a problem do you think each of these is in the area where you live?',
    },
    rows: categories.filter((c) => c.code !== 'other').map((c) => ({ value: c.code, label: { sv: c.sv, en: c.en } })),
    options: problemScale,
  },
  {
    id: 'unsafe_places',
    type: 'pins',
    label: {
      sv: 'Finns det platser där du känner dig otrygg? Markera dem.',
      en: 'Are there places where you feel unsafe? Mark them.',
    },
  },
  {
    id: 'age_band',
    type: 'single',
    label: { sv: 'Hur gammal är du?', en: 'How old are you?' },
    options: ['16-24', '25-44', '45-64', '65-79', '80+'].map((v) => ({ value: v, label: { sv: `${v} år`, en: `${v} years` } })),
  },
  {
    id: 'gender',
    type: 'single',
    label: { sv: 'Kön', en: 'Gender' },
    options: [
      { value: 'woman', label: { sv: 'Kvinna', en: 'Woman' } },
      { value: 'man', label: { sv: 'Man', en: 'Man' } },
      { value: 'other', label: { sv: 'Annat', en: 'Other' } },
      { value: 'no_answer', label: { sv: 'Vill inte svara', en: 'Prefer not to say' } },
    ],
  },
];

/** The background question whose answer sets the response's district (survey_response.area_id). */
export const HOME_AREA_QUESTION_ID = 'home_area';
export const HOME_AREA_ELSEWHERE = 'elsewhere';

/**
 * "Which area do you live in?": one option per district of the collaboration (the value is the
 * district's id, so answers can be counted per district) and one for living elsewhere. It is
 * built when a survey is created, so a survey version keeps the districts it was published with.
 */
export function homeAreaQuestion(districts: readonly { id: string; name: string }[]): SurveyQuestion {
  return {
    id: HOME_AREA_QUESTION_ID,
    type: 'single',
    required: false,
    label: { sv: 'I vilket område bor du?', en: 'Which area do you live in?' },
    // A choice question holds at most 30 options: 29 districts and "somewhere else".
    options: [
      ...[...districts]
        .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
        .slice(0, 29)
        .map((d) => ({ value: d.id, label: { sv: d.name, en: d.name } })),
      { value: HOME_AREA_ELSEWHERE, label: { sv: 'Någon annanstans', en: 'Somewhere else' } },
    ],
  };
}

/**
 * The standard survey built from the bank: everything optional (NTU practice: no one must
 * answer anything), the pin question last before the background questions, and, when the
 * collaboration has districts, the area of residence among them.
 */
export function standardQuestions(districts: readonly { id: string; name: string }[] = []): SurveyQuestion[] {
  const bank: SurveyQuestion[] = questionBank.map((q) => ({
    id: q.id,
    type: q.type,
    required: false,
    label: q.label,
    ...(q.options ? { options: q.options } : {}),
    ...(q.rows ? { rows: q.rows } : {}),
  }));
  return districts.length > 0 ? [...bank, homeAreaQuestion(districts)] : bank;
}
