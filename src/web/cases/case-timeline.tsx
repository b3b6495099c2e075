import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Tag, Timeline } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useActionLabel, useDateFormat } from './labels.tsx';
import type { NoticeItem, TimelineEvent } from './types.ts';

const red = new Set(['reject', 'suspendOverdue', 'withdraw']);
const green = new Set(['accept', 'deemAccept', 'complete', 'handleImmediately', 'decide', 'supplement', 'supplyDeferred']);

/** Every step of the case, oldest first; staff also see internal entries (comments, transfers), marked 内部. */
export function CaseTimelineCard({
  events,
  names = {},
  extra,
}: {
  events: TimelineEvent[];
  names?: Record<string, string>;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const actionLabel = useActionLabel();
  const { dateTime } = useDateFormat();
  const status = (value: string | null) => (value ? t(`cases.status.${value}`, { defaultValue: value }) : '');
  return (
    <Card title={<h2 className="tb-card-heading">{t('cases.timeline.title')}</h2>} data-testid="case-timeline">
      {events.length === 0 ? (
        <p>{t('cases.timeline.empty')}</p>
      ) : (
        <Timeline
          className="tb-timeline"
          items={events.map((event) => ({
            key: event.id,
            color: event.internal ? 'gray' : red.has(event.action) ? 'red' : green.has(event.action) ? 'green' : 'blue',
            content: (
              <div className="tb-event" data-testid="timeline-event">
                <div className="tb-event-head">
                  <strong>{actionLabel(event.action)}</strong>
                  {event.internal ? <Tag icon={<LockOutlined aria-hidden="true" />}>{t('cases.timeline.internal')}</Tag> : null}
                  {event.fromStatus && event.toStatus && event.fromStatus !== event.toStatus ? (
                    <span className="tb-event-status">
                      {t('cases.timeline.from', { from: status(event.fromStatus), to: status(event.toStatus) })}
                    </span>
                  ) : null}
                </div>
                <div className="tb-event-meta">
                  <time dateTime={event.at}>{dateTime(event.at)}</time>
                  <span aria-hidden="true"> · </span>
                  <span>{event.actorName}</span>
                </div>
                <EventDetails event={event} names={names} />
                {event.note ? <p className="tb-pre tb-event-note">{event.note}</p> : null}
              </div>
            ),
          }))}
        />
      )}
      {extra}
    </Card>
  );
}

type EventData = {
  items?: NoticeItem[];
  deferred?: string[];
  supplyDueOn?: string;
  decision?: string;
  opinion?: string;
  toName?: string;
  /** The identifier of the license issued by 办结 (制证). */
  license?: string;
};

/**
 * The few facts of an event's data worth a line: the notice's materials, 容缺, the decision, the
 * opinion, the transfer, and the license issued (with a link to its public verification).
 */
function EventDetails({ event, names }: { event: TimelineEvent; names: Record<string, string> }) {
  const { t } = useTranslation();
  const data = (event.data ?? {}) as EventData;
  const lines: string[] = [];
  if (event.action === 'notifyDeficiency' && Array.isArray(data.items)) {
    const items = data.items.map((item) => `${item.name}（${t(`cases.problem.${item.problem}`)}${item.note ? `：${item.note}` : ''}）`);
    lines.push(t('cases.timeline.noticeItems', { items: items.join(t('guide.listSeparator')) }));
  }
  if (event.action === 'accept' && data.deferred?.length && data.supplyDueOn) {
    lines.push(
      t('cases.timeline.deferred', {
        items: data.deferred.map((key) => names[key] ?? key).join(t('guide.listSeparator')),
        date: data.supplyDueOn,
      }),
    );
  }
  if (event.action === 'decide' && data.decision)
    lines.push(t('cases.timeline.decision', { decision: t(`cases.decision.${data.decision}`) }));
  if (event.action === 'review' && data.opinion) lines.push(t('cases.timeline.opinion', { opinion: t(`cases.opinion.${data.opinion}`) }));
  if (event.action === 'transfer' && data.toName) lines.push(t('cases.timeline.transferTo', { name: data.toName }));
  const license = typeof data.license === 'string' ? data.license : null;
  if (lines.length === 0 && !license) return null;
  return (
    <>
      {lines.map((line) => (
        <p key={line} className="tb-event-detail">
          {line}
        </p>
      ))}
      {license ? (
        <p className="tb-event-detail tb-event-license" data-testid="timeline-license">
          <SafetyCertificateOutlined aria-hidden="true" /> {t('cases.timeline.license')}
          <span className="tb-code">{license}</span>{' '}
          <Link to={`/verify/${encodeURIComponent(license)}`}>{t('cases.timeline.verifyLicense')}</Link>
        </p>
      ) : null}
    </>
  );
}
