import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ItemSummary, TimeLimit } from './types.ts';

/** An enumeration's localized name (`enums.<group>.<value>`), or the value itself when unknown. */
export function enumLabel(
  t: TFunction,
  exists: (key: string) => boolean,
  group: string,
  value: string | number | null | undefined,
): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `enums.${group}.${value}`;
  return exists(key) ? t(key) : String(value);
}

/** A hook for enumeration names: `label('crossRegion', 'province')` → 全省通办. */
export function useEnumLabel(): (group: string, value: string | number | null | undefined) => string {
  const { t, i18n } = useTranslation();
  return (group, value) => enumLabel(t, (key) => i18n.exists(key), group, value);
}

/** Select options for a code set: each value with its label in the chosen language. */
export function useEnumOptions(): (group: string, values: readonly (string | number)[]) => { value: string | number; label: string }[] {
  const label = useEnumLabel();
  return (group, values) => values.map((value) => ({ value, label: label(group, value) }));
}

/** 15 个工作日, 即时办结 for an immediate item's zero-day limit. */
export function formatLimit(t: TFunction, limit: TimeLimit | undefined, immediate = false): string {
  if (!limit) return t('guide.noLimit');
  if (limit.value === 0) return immediate ? t('guide.onTheSpot') : t('guide.noLimit');
  return t(limit.unit === 'calendarDay' ? 'guide.calendarDays' : 'guide.workdays', { count: limit.value });
}

/** 零跑动, or 最多跑N次. */
export function visitsLabel(t: TFunction, maxVisits: number): string {
  return maxVisits === 0 ? t('catalog.badges.zeroVisits') : t('catalog.badges.maxVisits', { count: maxVisits });
}

/** The facts a resident scans first: 即办件/承诺件, 最多跑N次 / 零跑动, 全程网办, 可预约. */
export function ItemBadges({ item }: { item: Pick<ItemSummary, 'handlingType' | 'maxVisits' | 'onlineDepth' | 'canBookOnline'> }) {
  const { t } = useTranslation();
  return (
    <span className="tb-tags tb-item-badges">
      <Tag color={item.handlingType === 'immediate' ? 'green' : 'blue'}>
        {t(item.handlingType === 'immediate' ? 'catalog.badges.immediate' : 'catalog.badges.promised')}
      </Tag>
      <Tag color={item.maxVisits === 0 ? 'green' : 'default'}>{visitsLabel(t, item.maxVisits)}</Tag>
      {item.onlineDepth >= 4 ? <Tag color="cyan">{t('catalog.badges.fullyOnline')}</Tag> : null}
      {item.canBookOnline ? <Tag color="purple">{t('catalog.badges.bookable')}</Tag> : null}
    </span>
  );
}
