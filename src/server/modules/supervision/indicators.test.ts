import { describe, expect, it } from 'vitest';
import {
  computeIndicators,
  definitionOf,
  indicatorDefinitions,
  judge,
  periodShareOfYear,
  targetBasisOf,
  targetForPeriod,
} from './indicators.ts';

const items = {
  total: 726,
  onlineAvailable: 473,
  fullyOnline: 174,
  immediate: 199,
  atMostOneVisit: 473,
  zeroVisit: 174,
  bookable: 273,
  compressionSum: 300,
  compressionItems: 500,
  complete: 700,
  oneWindow: 600,
};
const none = {
  received: 0,
  receivedFullyOnline: 0,
  completed: 0,
  completedOnTime: 0,
  workDays: 0,
  handlingSeconds: 0,
  rated: 0,
  ratings: 0,
  scoreSum: 0,
  satisfied: 0,
  bad: 0,
  badCalledBack: 0,
  badRectified: 0,
};

describe('indicator definitions', () => {
  it('define every indicator once, in both languages', () => {
    const keys = indicatorDefinitions.map((d) => d.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of indicatorDefinitions) {
      expect(d.definitionZh.length, d.key).toBeGreaterThan(8);
      expect(d.definitionEn.length, d.key).toBeGreaterThan(8);
    }
    expect(computeIndicators(items, none).map((v) => v.key)).toEqual(keys);
  });

  it('computes ratios, leaving them empty when there is nothing to divide by', () => {
    const x = Object.fromEntries(computeIndicators(items, none).map((v) => [v.key, v]));
    expect((x.atMostOneVisitShare.value! * 100).toFixed(2)).toBe('65.15');
    expect(x.timeLimitCompression.value).toBe(0.6);
    expect(x.onTimeRate).toEqual({ key: 'onTimeRate', value: null, numerator: 0, denominator: 0 });
    expect(x.ratingsPerGuide.value).toBe(0);
    expect(x.received.value).toBe(0);
    const y = Object.fromEntries(computeIndicators(items, { ...none, completed: 4, handlingSeconds: 7200 * 4 }).map((v) => [v.key, v]));
    expect(y.avgHandlingHours.value).toBe(2);
  });

  it('judges a target met or missed with the gap, tolerating rounding', () => {
    expect(judge(473 / 726, { comparator: 'gte', value: 0.95 })).toEqual({ met: false, gap: 473 / 726 - 0.95 });
    expect(judge(0.3 + 0.6, { comparator: 'gte', value: 0.9 })).toEqual({ met: true, gap: 0 });
    expect(judge(3, { comparator: 'lte', value: 5 })).toEqual({ met: true, gap: 2 });
    expect(judge(null, { comparator: 'gte', value: 1 })).toEqual({ met: null, gap: null });
    expect(definitionOf('badRatings')?.better).toBe('lower');
  });
});

describe('annual targets applied to a period', () => {
  const def = (key: string) => definitionOf(key)!;

  it('judges rates, averages and the catalog against the annual value as is, and pro-rates flows', () => {
    const basis = Object.fromEntries(indicatorDefinitions.map((d) => [d.key, targetBasisOf(d)]));
    for (const k of ['satisfactionRate', 'onTimeRate', 'averageScore', 'avgHandlingWorkdays', 'publishedItems', 'zeroVisitItems'])
      expect(basis[k], k).toBe('annual');
    for (const k of ['received', 'completed', 'ratings', 'badRatings', 'ratingsPerGuide']) expect(basis[k], k).toBe('prorated');
  });

  it('counts the days of the period, both ends, against the days of its year', () => {
    expect(periodShareOfYear({ from: '2026-10-01', to: '2026-10-31' })).toBeCloseTo(31 / 365, 12);
    expect(periodShareOfYear({ from: '2026-11-22', to: '2026-11-22' })).toBeCloseTo(1 / 365, 12);
    expect(periodShareOfYear({ from: '2028-02-01', to: '2028-02-29' })).toBeCloseTo(29 / 366, 12);
    expect(periodShareOfYear({ from: '2026-01-01', to: '2026-12-31' })).toBe(1);
  });

  it('gives a month of an annual 600 ratings 50.96, and a month of 满意率 ≥ 98% still 98%', () => {
    const month = { from: '2026-10-01', to: '2026-10-31' };
    expect(targetForPeriod(def('ratings'), 600, month)).toEqual({ value: (600 * 31) / 365, annualValue: 600, basis: 'prorated' });
    expect(targetForPeriod(def('ratings'), 600, month).value.toFixed(2)).toBe('50.96');
    expect(targetForPeriod(def('satisfactionRate'), 0.98, month)).toEqual({ value: 0.98, annualValue: 0.98, basis: 'annual' });
    expect(targetForPeriod(def('averageScore'), 4.5, { from: '2026-10-05', to: '2026-10-05' }).value).toBe(4.5);
  });

  it('prints the average score as a score (two decimals), not as a count', () => {
    expect(def('averageScore').unit).toBe('score');
  });
});
