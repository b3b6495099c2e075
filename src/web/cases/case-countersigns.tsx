import { Card, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from './labels.tsx';
import type { CaseDetail } from './types.ts';

const COLORS = { pending: 'orange', signed: 'green', closed: 'default' } as const;

/** 会签: each participating department with its limit, status and (for staff) its opinion. */
export function CaseCountersignsCard({ countersigns }: { countersigns: CaseDetail['countersigns'] }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  if (countersigns.length === 0) return null;
  return (
    <Card title={<h2 className="tb-card-heading">{t('cases.countersigns.title')}</h2>} data-testid="case-countersigns">
      <p className="tb-muted">{t('cases.countersigns.intro')}</p>
      <ul className="tb-rows">
        {countersigns.map((s) => (
          <li key={`${s.stepKey}:${s.departmentId}`} className="tb-row" data-testid="countersign-row">
            <div className="tb-case-row-head">
              <strong>{s.departmentName}</strong>
              <Tag color={COLORS[s.status]}>{t(`cases.countersigns.${s.status}`)}</Tag>
              {s.opinion ? <Tag color={s.opinion === 'agree' ? 'green' : 'red'}>{t(`cases.countersignOpinion.${s.opinion}`)}</Tag> : null}
              {s.overdue && s.status === 'pending' ? <Tag color="red">{t('cases.countersigns.overdue')}</Tag> : null}
            </div>
            <p className="tb-muted">
              {t('cases.countersigns.dueOn', { date: s.dueOn })}
              {s.signedAt && s.signedByName
                ? ` · ${t('cases.countersigns.signedBy', { name: s.signedByName, at: dateTime(s.signedAt) })}`
                : ''}
            </p>
            {s.comment ? <p className="tb-pre">{s.comment}</p> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
