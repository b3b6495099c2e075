import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseStatusTag, DueDate, StageBar, useDateFormat } from './labels.tsx';
import type { CaseDetail } from './types.ts';

/** The case's title, status and key facts: number, applicant, channel, submission, step, due date. */
export function CaseHeader({ c, extra, applicant }: { c: CaseDetail; extra?: ReactNode; applicant?: ReactNode }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  const facts: Array<{ key: string; label: string; value: ReactNode }> = [
    {
      key: 'number',
      label: t('cases.number'),
      value: c.number ? (
        <span className="tb-code" data-testid="case-number">
          {c.number}
        </span>
      ) : (
        t('cases.noNumber')
      ),
    },
    { key: 'applicant', label: t('cases.applicant'), value: applicant ?? c.applicantName },
    { key: 'channel', label: t('cases.channelLabel'), value: t(`cases.channel.${c.channel}`) },
    {
      key: 'submittedAt',
      label: c.submittedAt ? t('cases.submittedAt') : t('cases.createdAt'),
      value: dateTime(c.submittedAt ?? c.createdAt),
    },
    { key: 'step', label: t('cases.step'), value: c.status === 'draft' ? '—' : c.step.name },
    { key: 'dueOn', label: t('cases.dueOn'), value: <DueDate date={c.promisedDueOn} level={c.warningLevel} paused={c.clockPaused} /> },
  ];
  return (
    <header className="tb-case-head">
      <Typography.Title level={1} className="tb-page-title">
        {c.itemName}
      </Typography.Title>
      <p className="tb-case-status">
        <CaseStatusTag status={c.status} stepKind={c.step.kind} />
        {extra}
      </p>
      {c.status === 'draft' ? null : <StageBar status={c.status} stepKind={c.step.kind} />}
      <dl className="tb-facts tb-case-facts">
        {facts.map((fact) => (
          <div key={fact.key} className={fact.key === 'number' ? 'tb-fact tb-fact-wide' : 'tb-fact'}>
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
