import { type CategoryCode, type TimeBand } from '@lagesbild/shared';
import type { SeededRandom } from '@lagesbild/shared/random';
import type { ResponseChannel } from '../../../db/schema';
import { districtAt, kmToLonLat, pickDistrictByPopulation, sampleNear, type DistrictKey, type Layout } from './geography';
import { SURVEY_SPEC, TREND, trendFactor } from './hot-spots';
import { makePoint } from './incidents';
import { atLocalHour, CATEGORY_PROFILE, DAY_MS, HOURS, timedAt, type Timed, type TimeWindow } from './timing';
import type {
  AgeBand,
  DemoAnswers,
  DemoPin,
  DemoPoint,
  DemoResponse,
  GenderAnswer,
  ProblemAnswer,
  SafetyAnswer,
  WorryAnswer,
} from './types';

/**
 * Survey responses: answers to the question bank that differ by district, age and gender the
 * way such surveys do, and 0–3 map pins each, near the hot spots and the respondent's home.
 */

/** How big each problem is in each district (0 … 1); 0.3 where not listed. */
const SEVERITY: Record<DistrictKey, Partial<Record<CategoryCode, number>>> = {
  centrum: {
    alcohol: 0.6,
    disorder: 0.6,
    drugs: 0.55,
    littering: 0.55,
    youth_gangs: 0.45,
    vandalism_graffiti: 0.45,
    violence: 0.4,
    harassment: 0.4,
  },
  grondal: { youth_gangs: 0.6, vandalism_graffiti: 0.55, lighting: 0.55, harassment: 0.4, drugs: 0.35 },
  mossleberg: { traffic: 0.6, theft_burglary: 0.5, lighting: 0.4, drugs: 0.15, youth_gangs: 0.2, violence: 0.15 },
  nyhem: { drugs: 0.6, youth_gangs: 0.65, vandalism_graffiti: 0.5, disorder: 0.45 },
  tralleborg: { littering: 0.55, traffic: 0.5, theft_burglary: 0.45, lighting: 0.5 },
  vraen: { traffic: 0.45, theft_burglary: 0.4, littering: 0.35, drugs: 0.2, youth_gangs: 0.2, violence: 0.2 },
};

/** Baseline felt unsafety per district (higher = less safe). */
const DISTRICT_UNSAFETY: Record<DistrictKey, number> = {
  centrum: 0.35,
  grondal: 0.25,
  mossleberg: -0.3,
  nyhem: 0.45,
  tralleborg: 0.0,
  vraen: -0.15,
};

const AGE_EFFECT: Record<AgeBand, number> = { '16-24': -0.05, '25-44': -0.15, '45-64': 0.05, '65-79': 0.35, '80+': 0.6 };
const GENDER_EFFECT: Record<GenderAnswer, number> = { woman: 0.6, man: -0.35, other: 0.45, no_answer: 0.1 };

const PROBLEM_ROWS: CategoryCode[] = [
  'lighting',
  'traffic',
  'drugs',
  'alcohol',
  'youth_gangs',
  'disorder',
  'harassment',
  'violence',
  'theft_burglary',
  'vandalism_graffiti',
  'littering',
];

const PIN_COMMENTS = [
  'Dålig belysning här på kvällarna.',
  'Det samlas folk här sent och det känns obehagligt.',
  'Undviker att gå här ensam.',
  'Buskarna skymmer sikten.',
  'Bilar kör för fort.',
  'Mycket klotter och skräp.',
  'Otryggt att vänta på bussen här.',
  'Poor lighting, I avoid it after dark.',
];

const ADJACENT_BAND: Record<TimeBand, TimeBand> = { morning: 'day', day: 'evening', evening: 'night', night: 'evening' };

/**
 * Survey campaigns: four six-week campaigns (spring and autumn of each year) take 85 % of
 * the responses; the open link gathers the rest all through the window.
 */
function sampleSubmittedAt(rng: SeededRandom, win: TimeWindow): Date {
  const earliest = win.startMs + 22 * DAY_MS; // room for the pins' dates before submission
  const span = win.untilMs - earliest;
  let base: number;
  if (rng.chance(0.85)) {
    // Mid-March and mid-September of each year when the window ends on 1 November.
    const campaignStart = win.startMs + ([135, 315, 500, 680][rng.int(0, 3)] ?? 135) * DAY_MS;
    // Responses come in fast at first and then taper off.
    const dayOffset = Math.min(41, Math.floor(-Math.log(1 - rng.float() * 0.95) * 12));
    base = campaignStart + dayOffset * DAY_MS;
  } else {
    base = earliest + rng.float() * span;
  }
  const dayMs = Math.floor(base / DAY_MS) * DAY_MS;
  // People answer on their phones mostly in the evening, some at lunch.
  const hour = rng.index([0.2, 0.1, 0.05, 0, 0, 0, 0.3, 1, 1.2, 1.2, 1.4, 1.6, 2.2, 1.8, 1.4, 1.4, 1.6, 2, 2.4, 3, 3.2, 3, 2.2, 1]);
  let ms = atLocalHour(rng, dayMs, hour);
  if (ms < earliest) ms = earliest + rng.int(0, 3600) * 1000;
  if (ms >= win.untilMs) ms = win.untilMs - rng.int(60, 86_000) * 1000;
  return new Date(ms);
}

function problemAnswer(rng: SeededRandom, severity: number, unsafety: number, dontKnow: number): ProblemAnswer {
  if (rng.chance(dontKnow)) return 'dont_know';
  const score = severity * 2.8 + 0.35 * unsafety + rng.normal() * 0.7 - 1.45;
  if (score > 0.9) return 'big';
  if (score > 0.1) return 'fairly_big';
  if (score > -0.9) return 'small';
  return 'none';
}

function safetyAnswer(rng: SeededRandom, unsafety: number, age: AgeBand | undefined, gender: GenderAnswer | undefined): SafetyAnswer {
  let dontGoOut = age === '80+' ? 0.3 : age === '65-79' ? 0.1 : 0.025;
  if (gender === 'woman') dontGoOut *= 1.5;
  if (rng.chance(dontGoOut)) return 'dont_go_out';
  if (unsafety < -0.55) return 'very_safe';
  if (unsafety < 1.0) return 'fairly_safe';
  if (unsafety < 1.75) return 'fairly_unsafe';
  return 'very_unsafe';
}

function worryAnswer(rng: SeededRandom, unsafety: number): WorryAnswer {
  const w = 0.7 * unsafety + rng.normal() * 0.6;
  if (w < -0.45) return 'never';
  if (w < 0.75) return 'seldom';
  if (w < 1.5) return 'fairly_often';
  return 'very_often';
}

export function generateResponse(rng: SeededRandom, layout: Layout, win: TimeWindow): { response: DemoResponse; pins: DemoPoint[] } {
  const id = rng.uuid();
  const home = pickDistrictByPopulation(rng, layout);
  const submittedAt = sampleSubmittedAt(rng, win);
  const t = (submittedAt.getTime() - win.startMs) / (win.untilMs - win.startMs);
  const growing = home.key === 'nyhem' ? trendFactor(t) - 1 : 0; // 0 … 2

  const age: AgeBand = rng.pick([
    ['16-24', 0.1],
    ['25-44', 0.3],
    ['45-64', 0.32],
    ['65-79', 0.22],
    ['80+', 0.06],
  ] as const);
  const gender: GenderAnswer = rng.pick([
    ['woman', 0.55],
    ['man', 0.42],
    ['other', 0.01],
    ['no_answer', 0.02],
  ] as const);
  // About 10 % leave each background question blank (most of them skip both).
  const blank = rng.float();
  const skipAge = blank < 0.1;
  const skipGender = blank < 0.07 || (blank >= 0.1 && blank < 0.13);

  const unsafety = DISTRICT_UNSAFETY[home.key] + 0.15 * growing + GENDER_EFFECT[gender] + AGE_EFFECT[age] + rng.normal() * 0.75;

  const problems: Partial<Record<CategoryCode, ProblemAnswer>> = {};
  for (const code of PROBLEM_ROWS) {
    let severity = SEVERITY[home.key][code] ?? 0.3;
    if (home.key === 'nyhem' && code === TREND.category) severity += 0.15 * growing;
    const dontKnow = (code === 'drugs' || code === 'youth_gangs' ? 0.1 : 0.05) + (age === '80+' ? 0.08 : 0);
    problems[code] = problemAnswer(rng, severity, unsafety, dontKnow);
  }

  const safety = safetyAnswer(rng, unsafety, age, gender);
  const worry = worryAnswer(rng, unsafety);
  const avoided = rng.chance(1 / (1 + Math.exp(-(unsafety - 0.7) * 1.6))) ? 'yes' : 'no';

  // 0–3 pins, about one on average; more from those who feel unsafe.
  const pinCount = rng.index(unsafety > 0.8 ? [0.2, 0.35, 0.28, 0.17] : [0.42, 0.36, 0.15, 0.07]);
  const unsafePlaces: DemoPin[] = [];
  const pins: DemoPoint[] = [];
  for (let i = 0; i < pinCount; i++) {
    const weights = SURVEY_SPEC.spots.map((s) => {
      const spotDistrict = districtAt(layout, ...kmToLonLat(s.spot.km));
      const nearHome = spotDistrict?.id === home.id ? 2.5 : 1;
      return s.weight * nearHome * (s.trend ? trendFactor(t) : 1);
    });
    weights.push(SURVEY_SPEC.background);
    const which = rng.index(weights);
    const spot = SURVEY_SPEC.spots[which];
    let category: CategoryCode;
    let loc: { lat: number; lon: number };
    if (spot) {
      const cats = spot.spot.categories.map(([c, w]) => [c, spot.trend && c === TREND.category ? w * trendFactor(t) : w] as const);
      category = rng.pick(cats);
      loc = sampleNear(rng, layout, spot.spot.km, spot.spot.sigma);
    } else {
      category = rng.pick(SURVEY_SPEC.backgroundCategories);
      loc = sampleNear(rng, layout, home.centroid, 0.7, home);
    }
    // When the place feels unsafe: a recent day before the answer, at an hour typical of the category.
    const pinTime = samplePinTime(rng, win, category, submittedAt);
    const times: TimeBand[] = [pinTime.band];
    if (rng.chance(0.35)) times.push(ADJACENT_BAND[pinTime.band]);
    const pin: DemoPin = { lat: loc.lat, lon: loc.lon, category, times };
    if (rng.chance(0.15)) pin.comment = PIN_COMMENTS[rng.int(0, PIN_COMMENTS.length - 1)] ?? '';
    unsafePlaces.push(pin);
    pins.push(
      makePoint(layout, SURVEY_SPEC, category, loc, pinTime, 'exact', districtAt(layout, loc.lon, loc.lat), {
        kind: 'response',
        id,
      }),
    );
  }

  const answers: DemoAnswers = {
    safety_evening: safety,
    worry_crime: worry,
    avoided_places: avoided,
    problems,
    unsafe_places: unsafePlaces,
  };
  if (!skipAge) answers.age_band = age;
  if (!skipGender) answers.gender = gender;

  const locale = rng.pick([
    ['sv', 0.88],
    ['en', 0.05],
    ['ar', 0.04],
    ['so', 0.02],
    ['fi', 0.01],
  ] as const);
  const paperShare = age === '80+' ? 0.5 : age === '65-79' ? 0.25 : 0.05;
  const channel: ResponseChannel = rng.chance(paperShare) ? 'paper' : rng.chance(0.09) ? 'kiosk' : 'web';

  return {
    response: {
      id,
      collaboration_id: layout.collaboration.id,
      area_id: home.id,
      submitted_at: submittedAt,
      locale,
      channel,
      answers,
      status: 'accepted',
    },
    pins,
  };
}

/** Survey pins feel unsafe mostly in the evening and at night; traffic in the morning. */
const PIN_HOURS: Partial<Record<CategoryCode, readonly number[]>> = {
  theft_burglary: HOURS.evening,
  other: HOURS.evening,
};

function samplePinTime(rng: SeededRandom, win: TimeWindow, category: CategoryCode, submittedAt: Date): Timed {
  const hours = PIN_HOURS[category] ?? HOURS[CATEGORY_PROFILE[category]];
  const submittedDay = Math.floor(submittedAt.getTime() / DAY_MS) * DAY_MS;
  for (let attempt = 0; attempt < 20; attempt++) {
    const dayMs = submittedDay - rng.int(1, 21) * DAY_MS;
    const ms = atLocalHour(rng, dayMs, rng.index(hours));
    if (ms < win.startMs || ms >= submittedAt.getTime()) continue;
    return timedAt(ms);
  }
  return timedAt(Math.max(win.startMs, submittedAt.getTime() - DAY_MS));
}
