import { describe, expect, it } from 'vitest';
import type { CategoryCode } from '../taxonomy';
import { explain, ordinal, type DisclosedProblem } from './explain';
import { DEFAULT_WEIGHTS, rankProblems, type CategoryEvidence } from './rank';
import { trend, wilson } from './stats';

function evidence(category: CategoryCode, over: Partial<CategoryEvidence> = {}): CategoryEvidence {
  const zero = { current: 0, previous: 0 };
  return {
    category,
    survey: { rated: 0, big: 0 },
    pins: { count: 0, respondents: 0 },
    reports: { municipality: zero, police: zero, walk: zero, dialogue: zero },
    hotspots: 0,
    ...over,
  };
}

const context = { respondents: 200, population: 10_000, minRespondents: 5 };

describe('statistics', () => {
  it('Wilson interval matches the textbook example (81/263 → 0.255–0.366)', () => {
    const { low, high } = wilson(81, 263);
    expect(low).toBeCloseTo(0.2553, 3);
    expect(high).toBeCloseTo(0.3662, 3);
  });

  it('a rise from 40 to 70 is significant, from 10 to 13 is not', () => {
    expect(trend(70, 40).significant).toBe(true);
    expect(trend(70, 40).change).toBeCloseTo(0.75);
    expect(trend(13, 10).significant).toBe(false);
  });
});

describe('rankProblems on a data set ranked by hand', () => {
  // By hand, with the default weights (35/15/25/15/10, sum 100):
  //   drugs:    survey 0.50 → 17.5; pins 30/60 → 7.5; reports 50/100 → 12.5; trend +67 % sig → 10.0; hot 1/2 → 5  = 52.5
  //   violence: survey 0.30 → 10.5; pins 60/60 → 15;  reports 100/100 → 25;  flat → 0;              hot 2/2 → 10 = 60.5
  //   littering:survey 0.10 → 3.5;  pins 0 → 0;       reports 20/100 → 5;    flat → 0;              hot 0      = 8.5
  const data = [
    evidence('littering', {
      survey: { rated: 200, big: 20 },
      reports: {
        municipality: { current: 20, previous: 20 },
        police: { current: 0, previous: 0 },
        walk: { current: 0, previous: 0 },
        dialogue: { current: 0, previous: 0 },
      },
    }),
    evidence('drugs', {
      survey: { rated: 200, big: 100 },
      pins: { count: 40, respondents: 30 },
      reports: {
        municipality: { current: 10, previous: 10 },
        police: { current: 40, previous: 20 },
        walk: { current: 0, previous: 0 },
        dialogue: { current: 0, previous: 0 },
      },
      hotspots: 1,
    }),
    evidence('violence', {
      survey: { rated: 200, big: 60 },
      pins: { count: 70, respondents: 60 },
      reports: {
        municipality: { current: 0, previous: 0 },
        police: { current: 100, previous: 100 },
        walk: { current: 0, previous: 0 },
        dialogue: { current: 0, previous: 0 },
      },
      hotspots: 2,
    }),
  ];

  it('orders and scores as computed by hand', () => {
    const ranked = rankProblems(data, DEFAULT_WEIGHTS, context);
    expect(ranked.map((r) => r.category)).toEqual(['violence', 'drugs', 'littering']);
    expect(ranked.map((r) => Math.round(r.score * 10) / 10)).toEqual([60.5, 52.5, 8.5]);
    expect(ranked[1]?.trend.significant).toBe(true);
    expect(ranked[0]?.reports.ratePer1000).toBeCloseTo(10);
  });

  it('lets the trend decide when everything else is level', () => {
    const level = { rated: 100, big: 30 };
    const rising = evidence('drugs', {
      survey: level,
      reports: {
        municipality: { current: 60, previous: 30 },
        police: { current: 0, previous: 0 },
        walk: { current: 0, previous: 0 },
        dialogue: { current: 0, previous: 0 },
      },
    });
    const steady = evidence('alcohol', {
      survey: level,
      reports: {
        municipality: { current: 60, previous: 60 },
        police: { current: 0, previous: 0 },
        walk: { current: 0, previous: 0 },
        dialogue: { current: 0, previous: 0 },
      },
    });
    // alcohol sorts first alphabetically, so only the trend can put drugs above it.
    const ranked = rankProblems([steady, rising], DEFAULT_WEIGHTS, context);
    expect(ranked.map((r) => r.category)).toEqual(['drugs', 'alcohol']);
    expect(ranked[0]?.contributions.trend).toBeGreaterThan(0);
    expect(ranked[1]?.contributions.trend).toBe(0);
  });

  it('does not depend on input order', () => {
    const forward = rankProblems(data, DEFAULT_WEIGHTS, context);
    for (let i = 0; i < 6; i++) {
      const shuffled = [...data].sort(() => Math.sin(i * 97 + data.length) - 0.2);
      expect(rankProblems(shuffled.reverse(), DEFAULT_WEIGHTS, context)).toEqual(forward);
    }
  });

  it('follows the weights: with only reports weighted, reports decide', () => {
    const ranked = rankProblems(data, { survey: 0, pins: 0, reports: 1, trend: 0, hotspots: 0 }, context);
    expect(ranked.map((r) => r.category)).toEqual(['violence', 'drugs', 'littering']);
    expect(ranked[0]?.score).toBeCloseTo(100);
  });

  it('gives no survey share below five respondents', () => {
    const [only] = rankProblems([evidence('drugs', { survey: { rated: 4, big: 4 } })], DEFAULT_WEIGHTS, context);
    expect(only?.survey.share).toBeNull();
    expect(only?.components.survey).toBe(0);
  });

  it('explains a rank in Swedish and English from its two largest parts', () => {
    const [, second] = rankProblems(data, DEFAULT_WEIGHTS, context);
    const p = second as unknown as DisclosedProblem;
    // Intl writes thin and no-break spaces ("50 %", "1 000"); compare them as plain spaces.
    const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
    expect(plain(explain(p, 'sv', 'Centrum'))).toBe(
      '2:a främst för att 50 % av de svarande i Centrum kallar det ett stort eller ganska stort problem (n = 200) och 50 rapporter (5 per 1 000 invånare)',
    );
    expect(plain(explain(p, 'en', null))).toBe(
      '2nd mainly because 50% of respondents call it a big or fairly big problem (n = 200) and 50 reports (5 per 1,000 inhabitants)',
    );
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 11, 12, 21, 22].map((n) => ordinal(n, 'sv'))).toEqual(['1:a', '2:a', '3:e', '11:e', '12:e', '21:a', '22:a']);
    expect([1, 2, 3, 4, 11, 12, 13, 21].map((n) => ordinal(n, 'en'))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st']);
  });
});
