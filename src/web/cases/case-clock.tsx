import { Alert, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseClock as Clock } from './types.ts';

/**
 * 办理时限: acceptance date, promised and legal due dates, days used and left; a paused,
 * overdue or nearly due clock is said in words above the numbers.
 */
export function CaseClockCard({ clock }: { clock: Clock | null }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="tb-card-heading">{t('cases.clock.title')}</h2>} data-testid="case-clock">
      {clock ? <ClockFacts clock={clock} /> : <p className="tb-pre">{t('cases.clock.notStarted')}</p>}
    </Card>
  );
}

function ClockFacts({ clock }: { clock: Clock }) {
  const { t } = useTranslation();
  const days = (count: number) => t(clock.unit === 'calendarDay' ? 'cases.clock.calendarDays' : 'cases.clock.workdays', { count });
  const facts = [
    { key: 'startedOn', label: t('cases.clock.startedOn'), value: clock.startedOn },
    {
      key: 'promisedDueOn',
      label: t('cases.clock.promisedDueOn'),
      value: <strong data-testid="promised-due-on">{clock.promisedDueOn}</strong>,
    },
    { key: 'legalDueOn', label: t('cases.clock.legalDueOn'), value: clock.legalDueOn },
    { key: 'used', label: t('cases.clock.used'), value: days(clock.usedDays) },
    { key: 'left', label: t('cases.clock.left'), value: clock.stopped ? '—' : days(Math.max(clock.leftDays, 0)) },
  ];
  if (clock.suspendedDays > 0) facts.push({ key: 'suspended', label: t('cases.clock.suspended'), value: days(clock.suspendedDays) });
  if (clock.extensionDays > 0) facts.push({ key: 'extension', label: t('cases.clock.extension'), value: days(clock.extensionDays) });
  return (
    <>
      <ClockAlert clock={clock} />
      {clock.provisionalYears.length > 0 ? (
        <Alert
          className="tb-gap"
          type="info"
          showIcon
          title={t('cases.clock.provisional', { years: clock.provisionalYears.join(t('cases.clock.yearSeparator')) })}
          data-testid="clock-provisional"
        />
      ) : null}
      <dl className="tb-facts">
        {facts.map((fact) => (
          <div key={fact.key} className="tb-fact">
            <dt>{fact.label}</dt>
            <dd>{fact.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function ClockAlert({ clock }: { clock: Clock }) {
  const { t } = useTranslation();
  if (clock.stopped) {
    return (
      <Alert
        className="tb-gap"
        type={clock.overdue ? 'warning' : 'success'}
        showIcon
        title={clock.overdue ? t('cases.clock.stoppedOverdue') : t('cases.clock.stopped')}
      />
    );
  }
  if (clock.paused) return <Alert className="tb-gap" type="info" showIcon title={t('cases.clock.paused')} data-testid="clock-paused" />;
  if (clock.overdue) {
    return (
      <Alert
        className="tb-gap"
        type="error"
        showIcon
        title={t('cases.clock.overdue', { count: Math.abs(clock.leftDays) })}
        data-testid="clock-overdue"
      />
    );
  }
  if (clock.level === 'yellow')
    return <Alert className="tb-gap" type="warning" showIcon title={t('cases.clock.dueSoon', { count: clock.leftDays })} />;
  return null;
}
