import { Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reduction } from './types.ts';

/** 减材料、减环节、减跑动: each figure item by item → as a bundle, with the percent saved. */
export function ReductionFigures({
  reduction,
  compact,
  testId = 'bundle-reduction',
}: {
  reduction: Reduction;
  compact?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const keys = ['materials', 'fields', 'steps', 'visits'] as const;
  return (
    <dl className={compact ? 'tb-inline-facts' : 'tb-bundle-figures'} data-testid={testId}>
      {keys.map((k) => (
        <div key={k} className="tb-bundle-figure">
          <dt>{t(`bundles.figures.${k}`)}</dt>
          <dd>
            {compact ? (
              <span>
                {t('bundles.figures.compact', { from: reduction.itemByItem[k], to: reduction.bundle[k], percent: reduction.percent[k] })}
              </span>
            ) : (
              <>
                <Statistic value={reduction.percent[k]} suffix="%" prefix="↓" />
                <span className="tb-muted">{t('bundles.figures.fromTo', { from: reduction.itemByItem[k], to: reduction.bundle[k] })}</span>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
