import { ExclamationCircleOutlined, LockOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

const icons = { notFound: QuestionCircleOutlined, forbidden: LockOutlined, error: ExclamationCircleOutlined } as const;

/**
 * A whole-page status (404, 403, a page that failed to load): an icon, the heading, a sentence and
 * what to do next. Lighter than antd's Result, whose pictures would weigh on every first page load.
 */
export function StatusPage({
  kind,
  title,
  text,
  action,
}: {
  kind: keyof typeof icons;
  title: string;
  text?: ReactNode;
  action?: ReactNode;
}) {
  const Icon = icons[kind];
  return (
    <section className={`tb-status tb-status-${kind}`}>
      <Icon className="tb-status-icon" aria-hidden="true" />
      <h1 className="tb-result-title">{title}</h1>
      {text ? <p className="tb-status-text">{text}</p> : null}
      {action ? <div className="tb-status-action">{action}</div> : null}
    </section>
  );
}
