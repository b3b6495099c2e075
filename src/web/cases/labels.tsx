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
export function CaseStatusTag({ status, stepKind }: { status: CaseStatus; stepKind?: string }) {
  const label = useStatusLabel();
  return (
    <Tag color={statusColors[status] ?? 'default'} className="tb-status-tag" data-testid="case-status">
      {label(status, stepKind)}
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

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** One date format everywhere, in China time and either language: 2026-12-07 14:30, and 2026-12-07 for days. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const part = Object.fromEntries(shanghai.formatToParts(d).map((x) => [x.type, x.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/** A day (YYYY-MM-DD as the API sends days, or a timestamp) as 2026-12-07. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return formatDateTime(iso).slice(0, 10);
}

/** Formats timestamps and dates the one way (2026-12-07 14:30), in China time. */
export function useDateFormat() {
  return { dateTime: formatDateTime, date: formatDate };
}

/** The five stages a resident and a clerk both see: 申请 → 受理 → 审查 → 决定 → 办结. */
export const STAGES = ['apply', 'accept', 'review', 'decide', 'complete'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * Where a case stands on the stage bar, from its status and the kind of its current step — the one source of the
 * status words, so that 审查中 never sits beside 当前环节：决定. `ended` marks a case that stopped there (不予受理, 撤回).
 */
export function caseStage(status: CaseStatus, stepKind: string | undefined): { stage: Stage; done: boolean; ended: boolean } {
  switch (status) {
    case 'draft':
      return { stage: 'apply', done: false, ended: false };
    case 'waiting':
    case 'submitted':
    case 'prereview':
    case 'correction':
      return { stage: 'accept', done: false, ended: false };
    case 'accepted':
    case 'review':
    case 'special':
    case 'suspended':
      return { stage: stepKind === 'decide' ? 'decide' : stepKind === 'accept' ? 'accept' : 'review', done: false, ended: false };
    case 'decided':
      return { stage: 'complete', done: false, ended: false };
    case 'rejected':
      return { stage: 'accept', done: false, ended: true };
    case 'withdrawn':
      return {
        stage: stepKind === 'decide' ? 'decide' : stepKind === 'review' || stepKind === 'countersign' ? 'review' : 'accept',
        done: false,
        ended: true,
      };
    default:
      return { stage: 'complete', done: true, ended: status === 'revoked' };
  }
}

/** The status word a list or a header shows: for a case in handling, the word of its stage (待受理, 审查中, 会签中, 待决定). */
export function useStatusLabel(): (status: CaseStatus, stepKind?: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (status: CaseStatus, stepKind?: string) => {
      if ((status === 'accepted' || status === 'review') && stepKind)
        return t(`flows.stageStatus.${stepKind}`, { defaultValue: t(`cases.status.${status}`) });
      if (status === 'submitted' || status === 'prereview') return t('flows.stageStatus.accept');
      return t(`cases.status.${status}`, { defaultValue: status });
    },
    [t],
  );
}

/** A stage of the bar: passed (or the case is finished), the one the case is at (or where it ended), or still ahead. */
function stageState(index: number, at: number, done: boolean, ended: boolean): 'done' | 'current' | 'ended' | 'ahead' {
  if (done || index < at) return 'done';
  if (index > at) return 'ahead';
  return ended ? 'ended' : 'current';
}

/** 申请 → 受理 → 审查 → 决定 → 办结: where the case is, the same bar for the resident and the clerk. */
export function StageBar({ status, stepKind }: { status: CaseStatus; stepKind?: string }) {
  const { t } = useTranslation();
  const { stage, done, ended } = caseStage(status, stepKind);
  const at = STAGES.indexOf(stage);
  return (
    <ol className="tb-stage-bar" aria-label={t('flows.stages.label')} data-testid="stage-bar">
      {STAGES.map((s, index) => {
        const state = stageState(index, at, done, ended);
        return (
          <li
            key={s}
            className={`tb-stage tb-stage-${state}`}
            aria-current={state === 'current' ? 'step' : undefined}
            data-testid={`stage-${s}`}
            data-state={state}
          >
            <span className="tb-stage-dot" aria-hidden="true">
              {state === 'done' ? '✓' : state === 'ended' ? '×' : index + 1}
            </span>
            <span className="tb-stage-name">{t(`flows.stages.${s}`)}</span>
            <span className="tb-visually-hidden">{t(`flows.stageState.${state}`)}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** The name of a case action (buttons and the timeline). */
export function useActionLabel(): (action: string) => string {
  const { t } = useTranslation();
  return useCallback((action: string) => t(`cases.action.${action}`, { defaultValue: action }), [t]);
}
