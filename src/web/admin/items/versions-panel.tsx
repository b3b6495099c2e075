import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Card, Select, Skeleton, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../catalog/labels.tsx';
import { useItemDiff } from '../../catalog/queries.ts';
import type { Change, VersionSummary } from '../../catalog/types.ts';
import { useErrorText } from '../../ui/error-text.ts';
import { usePathLabel } from './guide-problems.tsx';
import { formatDateTime } from '../../cases/labels.tsx';

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;

/** 版本记录: every version with its dates, and the differences between two of them. */
export function VersionsPanel({ code, versions }: { code: string; versions: VersionSummary[] }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const sorted = [...versions].sort((a, b) => b.number - a.number);
  const latest = sorted[0]?.number;
  const [to, setTo] = useState<number | undefined>(latest);
  const [from, setFrom] = useState<number | undefined>(sorted[1]?.number);
  const date = (value: string | null) => formatDateTime(value);
  const columns: TableColumnsType<VersionSummary> = [
    {
      title: t('itemAdmin.versions.number'),
      dataIndex: 'number',
      key: 'number',
      render: (n: number) => t('itemAdmin.versionNumber', { number: n }),
    },
    {
      title: t('itemAdmin.versions.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: string) => (
        <Tag color={s === 'published' ? 'green' : s === 'review' ? 'gold' : 'default'}>{label('versionStatus', s)}</Tag>
      ),
    },
    { title: t('itemAdmin.versions.createdAt'), dataIndex: 'createdAt', key: 'createdAt', responsive: ['md'], render: date },
    { title: t('itemAdmin.versions.submittedAt'), dataIndex: 'submittedAt', key: 'submittedAt', responsive: ['md'], render: date },
    { title: t('itemAdmin.versions.publishedAt'), dataIndex: 'publishedAt', key: 'publishedAt', render: date },
  ];
  const options = sorted.map((version) => ({
    value: version.number,
    label: `${t('itemAdmin.versionNumber', { number: version.number })} · ${label('versionStatus', version.status)}`,
  }));
  return (
    <div className="tb-stack">
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.versions.title')}</h2>}>
        <Table<VersionSummary>
          rowKey="number"
          size="small"
          columns={columns}
          dataSource={sorted}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.versions.compare')}</h2>}>
        {sorted.length < 2 ? (
          <p className="tb-muted">{t('itemAdmin.versions.needTwo')}</p>
        ) : (
          <>
            <div className="tb-filters">
              <span className="tb-field">
                <label htmlFor="diff-from">{t('itemAdmin.versions.from')}</label>
                <Select<number> id="diff-from" className="tb-filter-select" value={from} onChange={setFrom} options={options} />
              </span>
              <span className="tb-field">
                <label htmlFor="diff-to">{t('itemAdmin.versions.to')}</label>
                <Select<number> id="diff-to" className="tb-filter-select" value={to} onChange={setTo} options={options} />
              </span>
            </div>
            <DiffList code={code} from={from} to={to} />
          </>
        )}
      </Card>
    </div>
  );
}

function DiffList({ code, from, to }: { code: string; from?: number; to?: number }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const diff = useItemDiff(code, from, to);
  const pathLabel = usePathLabel();
  if (from === undefined || to === undefined || from === to) return null;
  if (diff.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (diff.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={errorText(diff.error)} />;
  const changes = diff.data.changes;
  if (changes.length === 0) return <p>{t('itemAdmin.versions.noChanges')}</p>;
  return (
    <>
      <p role="status">{t('itemAdmin.versions.count', { count: changes.length })}</p>
      <ol className="tb-rows tb-diff" data-testid="diff">
        {changes.map((change) => (
          <li key={`${change.kind}:${change.path}`} className="tb-row">
            <span className="tb-diff-head">
              <Tag color={KIND_COLOR[change.kind]}>{t(`itemAdmin.versions.kinds.${change.kind}`)}</Tag>
              <code className="tb-code">{change.path}</code>
              <span className="tb-muted">{pathLabel(change.path)}</span>
            </span>
            <ChangeValues change={change} />
          </li>
        ))}
      </ol>
    </>
  );
}

function ChangeValues({ change }: { change: Change }) {
  const { t } = useTranslation();
  const show = (value: unknown) => {
    if (value === undefined || value === null || value === '') return t('itemAdmin.versions.empty');
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 240 ? `${text.slice(0, 240)}…` : text;
  };
  return (
    <span className="tb-diff-values">
      {change.kind !== 'added' ? <del className="tb-diff-before">{show(change.before)}</del> : null}
      {change.kind === 'changed' ? <ArrowRightOutlined aria-label="→" /> : null}
      {change.kind !== 'removed' ? <ins className="tb-diff-after">{show(change.after)}</ins> : null}
    </span>
  );
}
