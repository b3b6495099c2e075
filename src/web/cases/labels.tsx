import { ClockCircleOutlined, ExclamationCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus, WarningLevel } from './types.ts';

const statusColors: Record<CaseStatus, string> = {
  draft: 'default',
  waiting: 'default',
  submitted: 'blue',
  prereview: 'blue',
  correction: 'orange',
  accepted: 'cyan',
  review: 'cyan',
  special: 'purple',
  suspended: 'gold',
  decided: 'geekblue',
  completed: 'green',
  issued: 'green',
  delivered: 'green',
  rejected: 'red',
  withdrawn: 'default',
  revoked: 'red',
};

/** The case status as a coloured tag with its name (the colour is never the only signal). */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status] ?? 'default'} className="tb-status-tag" data-testid="case-status">
      {t(`cases.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

/**
 * The promised due date coloured by the warning level: green on time, yellow due soon, red
 * overdue; the level is also written out, and a paused clock is marked.
 */
export function DueDate({ date, level, paused }: { date: string | null; level: WarningLevel; paused?: boolean }) {
  const { t } = useTranslation();
  if (!date) return <span className="tb-muted">{t('cases.noDue')}</span>;
  const color = level === 'red' ? 'red' : level === 'yellow' ? 'gold' : 'green';
  const word = level === 'red' ? t('cases.clock.overdueShort') : level === 'yellow' ? t('cases.clock.dueSoonShort') : null;
  const icon = level === 'red' ? <ExclamationCircleOutlined aria-hidden="true" /> : <ClockCircleOutlined aria-hidden="true" />;
  return (
    <span className="tb-due">
      <Tag color={color} icon={icon} className={`tb-due-tag tb-due-${level}`} data-testid="due-date">
        {date}
        {word ? ` · ${word}` : ''}
      </Tag>
      {paused ? <Tag icon={<PauseCircleOutlined aria-hidden="true" />}>{t('cases.clock.suspended')}</Tag> : null}
    </span>
  );
}

/** Formats timestamps and dates in the reader's language, in China time. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const dateTime = useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return '—';
      return new Date(iso).toLocaleString(i18n.language, {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      });
    },
    [i18n.language],
  );
  const date = useCallback(
    (iso: string | null | undefined) => {
      if (!iso) return '—';
      return new Date(iso).toLocaleDateString(i18n.language, {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    },
    [i18n.language],
  );
  return { dateTime, date };
}

/** The name of a case action (buttons and the timeline). */
export function useActionLabel(): (action: string) => string {
  const { t } = useTranslation();
  return useCallback((action: string) => t(`cases.action.${action}`, { defaultValue: action }), [t]);
}
