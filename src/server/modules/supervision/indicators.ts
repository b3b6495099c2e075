/**
 * The indicators (效能指标) of supervision and assessment, each with its definition. The definition
 * here is the one the API serves and the dashboard shows as a tooltip; the SQL that computes the
 * parts is in repo.ts (item indicators: `itemFigures`; period indicators: the daily rollups, whose
 * contributions are written in migrations/20261123T0800-supervision.ts), and `computeIndicators`
 * below turns the parts into the figures. Rates are ratios 0–1; the UI shows them as percentages.
 */

/** `score`: an average rating (1–5), printed with two decimals. */
export type IndicatorUnit = 'ratio' | 'count' | 'days' | 'hours' | 'perGuide' | 'score';
/** `catalog`: the published items of the region as they are now; `period`: what happened between from and to. */
export type IndicatorScope = 'catalog' | 'period';

export type IndicatorDefinition = {
  key: string;
  zh: string;
  en: string;
  unit: IndicatorUnit;
  scope: IndicatorScope;
  /** Higher is better (targets compare ≥), or lower is better (≤). */
  better: 'higher' | 'lower';
  definitionZh: string;
  definitionEn: string;
};

const d = (
  key: string,
  zh: string,
  en: string,
  unit: IndicatorUnit,
  scope: IndicatorScope,
  definitionZh: string,
  definitionEn: string,
  better: 'higher' | 'lower' = 'higher',
): IndicatorDefinition => ({ key, zh, en, unit, scope, better, definitionZh, definitionEn });

export const indicatorDefinitions = [
  // ---- the catalog (事项): published items of the region subtree
  d(
    'publishedItems',
    '事项总数',
    'Published items',
    'count',
    'catalog',
    '本地区（含下级）已发布的政务服务事项（实施清单）数。',
    'Published service items (implementation list) of the region and its subregions.',
  ),
  d(
    'onlineAvailableRate',
    '网上可办率',
    'Online availability',
    'ratio',
    'catalog',
    '网办深度达到三级及以上（可在网上提交申请）的事项数 ÷ 已发布事项数。',
    'Items with online depth 3 or 4 (the application can be submitted online) ÷ published items.',
  ),
  d(
    'fullyOnlineItemRate',
    '全程网办率（事项）',
    'Fully online items',
    'ratio',
    'catalog',
    '网办深度四级（全程网办）的事项数 ÷ 已发布事项数。',
    'Items with online depth 4 (fully online) ÷ published items.',
  ),
  d(
    'immediateItemShare',
    '即办件占比',
    'Immediate items',
    'ratio',
    'catalog',
    '办件类型为即办件的事项数 ÷ 已发布事项数。',
    'Items handled on the spot (即办件) ÷ published items.',
  ),
  d(
    'atMostOneVisitShare',
    '最多跑一次占比',
    'At most one visit',
    'ratio',
    'catalog',
    '到现场次数不超过 1 次（0 次或 1 次）的事项数 ÷ 已发布事项数。',
    'Items needing at most one visit in person (0 or 1) ÷ published items.',
  ),
  d(
    'zeroVisitItems',
    '零跑动事项数',
    'Zero-visit items',
    'count',
    'catalog',
    '到现场次数为 0 的事项数。',
    'Items that need no visit in person.',
  ),
  d(
    'bookableItems',
    '可网上预约事项数',
    'Bookable items',
    'count',
    'catalog',
    '支持网上预约的事项数。',
    'Items that can be booked online.',
  ),
  d(
    'timeLimitCompression',
    '承诺时限压缩比',
    'Time-limit compression',
    'ratio',
    'catalog',
    '有法定时限的事项，逐项计算 1 − 承诺时限 ÷ 法定时限（自然日按 5/7 折算为工作日），再取平均。',
    'Over items with a legal time limit: the average of 1 − promised ÷ legal limit (calendar days counted as 5/7 working days).',
  ),
  d(
    'guideCompleteness',
    '办事指南完整率',
    'Complete guides',
    'ratio',
    'catalog',
    '办事指南必备要素（依据、条件、流程、地点、时间、咨询和投诉电话、结果、材料及来源、网办表单）无缺失的事项数 ÷ 已发布事项数。',
    'Items whose guide misses none of the required elements (basis, conditions, process, places, hours, phones, result, materials and their source, online form) ÷ published items.',
  ),
  d(
    'oneWindowItemShare',
    '一窗受理事项占比',
    'Items at the comprehensive window',
    'ratio',
    'catalog',
    '本地区大厅中至少有一个综合窗口可受理（受理全部事项、受理其部门或受理该事项）的事项数 ÷ 已发布事项数。',
    'Items that at least one comprehensive window of a hall in the region accepts (all items, the item’s department, or the item itself) ÷ published items.',
  ),
  // ---- cases (办件) in the period, from the daily rollups
  d(
    'received',
    '办件量',
    'Cases received',
    'count',
    'period',
    '统计期内提交（申报）的办件数，不含草稿。',
    'Cases submitted in the period (drafts excluded).',
  ),
  d(
    'completed',
    '办结量',
    'Cases completed',
    'count',
    'period',
    '统计期内办结（办结、制证、送达）的办件数。',
    'Cases completed in the period (completed, issued or delivered).',
  ),
  d(
    'fullyOnlineCaseRate',
    '全程网办率（办件）',
    'Fully online cases',
    'ratio',
    'period',
    '统计期内通过网上提交、且事项为全程网办（四级）的办件数 ÷ 统计期内提交的办件数。',
    'Cases submitted online for fully-online (depth 4) items ÷ cases submitted in the period.',
  ),
  d(
    'onTimeRate',
    '按时办结率',
    'Completed on time',
    'ratio',
    'period',
    '统计期内办结的办件中，作出决定之日不晚于承诺期限（含批准的延期）的办件数 ÷ 统计期内办结的办件数。',
    'Of the cases completed in the period, those decided no later than the promised due date (with any approved extension) ÷ cases completed.',
  ),
  d(
    'avgHandlingWorkdays',
    '平均办理时长（工作日）',
    'Average handling time (working days)',
    'days',
    'period',
    '统计期内办结的办件，自受理次日起至作出决定之日的工作日数（全国工作日历）的平均值；即办件为 0。',
    'Cases completed in the period: the average number of working days (national calendar) from the day after acceptance to the decision day; 0 for immediate items.',
    'lower',
  ),
  d(
    'avgHandlingHours',
    '平均办理时长（小时）',
    'Average handling time (hours)',
    'hours',
    'period',
    '统计期内办结的办件，自提交至办结的时长（小时）的平均值。',
    'Cases completed in the period: the average elapsed hours from submission to completion.',
    'lower',
  ),
  d(
    'activeRatingRate',
    '主动评价率',
    'Rated cases',
    'ratio',
    'period',
    '统计期内办结的办件中，至少有一条有效评价（任何渠道，不含申诉成立被剔除的）的办件数 ÷ 统计期内办结的办件数。',
    'Of the cases completed in the period, those with at least one counted rating (any channel; ratings excluded on appeal do not count) ÷ cases completed.',
  ),
  // ---- ratings (好差评) in the period
  d(
    'ratings',
    '评价数',
    'Ratings',
    'count',
    'period',
    '统计期内收到的有效评价数（申诉成立被剔除的不计）。',
    'Counted ratings received in the period (those excluded on appeal do not count).',
  ),
  d(
    'satisfactionRate',
    '满意率',
    'Satisfaction',
    'ratio',
    'period',
    '有效评价中“非常满意、满意、基本满意”（3–5 分）的条数 ÷ 有效评价数。',
    'Counted ratings of 3–5 (very satisfied, satisfied, fairly satisfied) ÷ counted ratings.',
  ),
  d(
    'averageScore',
    '平均评分',
    'Average score',
    'score',
    'period',
    '有效评价分值（1–5）的平均值。',
    'The average score (1–5) of counted ratings.',
  ),
  d(
    'badRatings',
    '差评数',
    'Bad ratings',
    'count',
    'period',
    '统计期内“不满意、非常不满意”（1–2 分）的有效评价数。',
    'Counted ratings of 1–2 (dissatisfied, very dissatisfied) in the period.',
    'lower',
  ),
  d(
    'rectificationRate',
    '差评整改率',
    'Bad ratings rectified',
    'ratio',
    'period',
    '统计期内的差评中，整改已办结（监督签核）的条数 ÷ 差评数。',
    'Of the period’s bad ratings, those whose rectification is closed (signed off) ÷ bad ratings.',
  ),
  d(
    'callbackRate',
    '回访率',
    'Bad ratings called back',
    'ratio',
    'period',
    '统计期内的差评中，已回访评价人的条数 ÷ 差评数。',
    'Of the period’s bad ratings, those whose rater was called back ÷ bad ratings.',
  ),
  d(
    'ratingsPerGuide',
    '平均每指南评价数',
    'Ratings per guide',
    'perGuide',
    'period',
    '统计期内的有效评价数 ÷ 已发布事项（办事指南）数。',
    'Counted ratings in the period ÷ published items (guides).',
  ),
] as const satisfies readonly IndicatorDefinition[];

export type IndicatorKey = (typeof indicatorDefinitions)[number]['key'];
export const indicatorKeys = indicatorDefinitions.map((x) => x.key) as IndicatorKey[];
export const definitionOf = (key: string): IndicatorDefinition | undefined => indicatorDefinitions.find((x) => x.key === key);

/** Counts over the published items (repo.itemFigures). */
export type ItemFigures = {
  total: number;
  onlineAvailable: number;
  fullyOnline: number;
  immediate: number;
  atMostOneVisit: number;
  zeroVisit: number;
  bookable: number;
  compressionSum: number;
  compressionItems: number;
  complete: number;
  oneWindow: number;
};

/** Sums over the daily rollups of the period (repo.periodFigures). */
export type PeriodFigures = {
  received: number;
  receivedFullyOnline: number;
  completed: number;
  completedOnTime: number;
  workDays: number;
  handlingSeconds: number;
  rated: number;
  ratings: number;
  scoreSum: number;
  satisfied: number;
  bad: number;
  badCalledBack: number;
  badRectified: number;
};

/** A ratio, or null when there is nothing to divide by. */
export const ratio = (n: number, of: number): number | null => (of > 0 ? n / of : null);

export type IndicatorValue = { key: IndicatorKey; value: number | null; numerator: number | null; denominator: number | null };

/** The figures of every indicator from the parts. */
export function computeIndicators(items: ItemFigures, p: PeriodFigures): IndicatorValue[] {
  const v = (key: IndicatorKey, numerator: number, denominator: number | null): IndicatorValue => ({
    key,
    value: denominator === null ? numerator : ratio(numerator, denominator),
    numerator,
    denominator,
  });
  return [
    v('publishedItems', items.total, null),
    v('onlineAvailableRate', items.onlineAvailable, items.total),
    v('fullyOnlineItemRate', items.fullyOnline, items.total),
    v('immediateItemShare', items.immediate, items.total),
    v('atMostOneVisitShare', items.atMostOneVisit, items.total),
    v('zeroVisitItems', items.zeroVisit, null),
    v('bookableItems', items.bookable, null),
    v('timeLimitCompression', items.compressionSum, items.compressionItems),
    v('guideCompleteness', items.complete, items.total),
    v('oneWindowItemShare', items.oneWindow, items.total),
    v('received', p.received, null),
    v('completed', p.completed, null),
    v('fullyOnlineCaseRate', p.receivedFullyOnline, p.received),
    v('onTimeRate', p.completedOnTime, p.completed),
    v('avgHandlingWorkdays', p.workDays, p.completed),
    v('avgHandlingHours', p.handlingSeconds / 3600, p.completed),
    v('activeRatingRate', p.rated, p.completed),
    v('ratings', p.ratings, null),
    v('satisfactionRate', p.satisfied, p.ratings),
    v('averageScore', p.scoreSum, p.ratings),
    v('badRatings', p.bad, null),
    v('rectificationRate', p.badRectified, p.bad),
    v('callbackRate', p.badCalledBack, p.bad),
    v('ratingsPerGuide', p.ratings, items.total),
  ];
}

/** Met or missed against a target, with the gap (positive = better than the target). */
export function judge(
  value: number | null,
  target: { comparator: 'gte' | 'lte'; value: number },
): { met: boolean | null; gap: number | null } {
  if (value === null) return { met: null, gap: null };
  const gap = target.comparator === 'gte' ? value - target.value : target.value - value;
  // Rounding noise of ratios (0.95 stored as numeric, computed as 473/726) must not decide a verdict.
  return { met: gap >= -1e-9, gap: Math.abs(gap) < 1e-9 ? 0 : gap };
}

/**
 * How an annual target (考核目标, set per year) applies to a period shorter or longer than a year:
 * - `annual` (按年度目标判定): rates, averages and the catalog as it is now — 满意率 ≥ 98% holds for a
 *   day as for a year, so the target applies as it is;
 * - `prorated` (目标按期间折算): flows counted over the period (办件量, 评价数, 差评数, 每指南评价数) —
 *   the annual value × the period's days ÷ the days of the year the period ends in.
 */
export type TargetBasis = 'annual' | 'prorated';

export function targetBasisOf(def: Pick<IndicatorDefinition, 'unit' | 'scope'>): TargetBasis {
  return def.scope === 'period' && (def.unit === 'count' || def.unit === 'perGuide') ? 'prorated' : 'annual';
}

/** The period's days (both ends counted) ÷ the days of the year it ends in. */
export function periodShareOfYear(period: { from: string; to: string }): number {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000 + 1;
  const year = Number(period.to.slice(0, 4));
  const yearDays = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / 86_400_000;
  return days / yearDays;
}

/** The value a period is judged against, from the annual target (see TargetBasis). */
export function targetForPeriod(
  def: Pick<IndicatorDefinition, 'unit' | 'scope'>,
  annualValue: number,
  period: { from: string; to: string },
): { value: number; annualValue: number; basis: TargetBasis } {
  const basis = targetBasisOf(def);
  return { value: basis === 'prorated' ? annualValue * periodShareOfYear(period) : annualValue, annualValue, basis };
}
