import { describe, expect, it } from 'vitest';
import { computeIndicators, definitionOf, indicatorDefinitions, judge } from './indicators.ts';

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
