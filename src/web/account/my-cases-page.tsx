import { BellOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Pagination, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CaseStatusTag, DueDate, useDateFormat } from '../cases/labels.tsx';
import { useMyCases } from '../cases/queries.ts';
import type { CaseSummary } from '../cases/types.ts';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { RequireAccount } from '../ui/require-account.tsx';

/** /me/cases — my cases, newest first, with status and promised due date. */
export function MyCasesPage() {
  const { t } = useTranslation();
  usePageTitle(t('myCases.title'));
  return <RequireAccount>{() => <MyCasesView />}</RequireAccount>;
}

function MyCasesView() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const cases = useMyCases(page);
  return (
    <div className="tb-page tb-stack">
      <div className="tb-toolbar">
        <Typography.Title level={1} className="tb-page-title">
          {t('myCases.title')}
        </Typography.Title>
        <Link to="/me/notifications">
          <BellOutlined aria-hidden="true" /> {t('myCases.notifications')}
        </Link>
      </div>
      {cases.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : cases.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={errorText(cases.error)}
          action={<Button onClick={() => void cases.refetch()}>{t('errors.retry')}</Button>}
        />
      ) : cases.data.total === 0 ? (
        <Card>
          <Empty
            image={<FolderOpenOutlined className="tb-empty-icon" aria-hidden="true" />}
            styles={{ image: { height: 56 } }}
            description={
              <>
                <p>{t('myCases.empty')}</p>
                <p className="tb-muted">{t('myCases.emptyHint')}</p>
              </>
            }
          >
            <Button type="primary" onClick={() => void navigate('/')}>
              {t('myCases.toPortal')}
            </Button>
          </Empty>
        </Card>
      ) : (
        <>
          <ul className="tb-rows tb-case-rows" data-testid="my-cases">
            {cases.data.items.map((c) => (
              <CaseRow key={c.id} c={c} />
            ))}
          </ul>
          {cases.data.total > 20 ? (
            <Pagination
              className="tb-pagination"
              current={page}
              pageSize={20}
              total={cases.data.total}
              showSizeChanger={false}
              onChange={(next) => setParams({ page: String(next) })}
            />
          ) : null}
        </>
      )}
    </div>
  );
}

function CaseRow({ c }: { c: CaseSummary }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  return (
    <li className="tb-row tb-case-row">
      <div className="tb-case-row-head">
        <Link to={`/me/cases/${c.id}`} className="tb-row-title">
          {c.itemName}
        </Link>
        <CaseStatusTag status={c.status} />
      </div>
      <dl className="tb-inline-facts">
        <div>
          <dt>{t('myCases.columns.number')}</dt>
          <dd className={c.number ? 'tb-code' : undefined}>{c.number ?? t('cases.noNumber')}</dd>
        </div>
        <div>
          <dt>{c.submittedAt ? t('myCases.columns.submittedAt') : t('cases.createdAt')}</dt>
          <dd>{dateTime(c.submittedAt ?? c.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('myCases.columns.dueOn')}</dt>
          <dd>
            <DueDate date={c.promisedDueOn} level={c.warningLevel} paused={c.clockPaused} />
          </dd>
        </div>
      </dl>
    </li>
  );
}
