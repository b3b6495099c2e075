import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import type { Schemas } from '../api-types.ts';
import { CaseStatusTag, DueDate, StageBar, formatDate, formatDateTime } from '../cases/labels.tsx';
import { useErrorText } from '../ui/error-text.ts';
import { usePageTitle } from '../ui/page-title.ts';

type CaseProgress = Schemas['CaseProgress'];
type Values = { number: string; idNumber: string };

/**
 * /progress — 办件进度查询 without login: the case number and the applicant's ID number give the stage bar, the status,
 * the dates and the department (the name masked). The server answers the same for a wrong number and a wrong ID number.
 */
export function ProgressPage() {
  const { t } = useTranslation();
  usePageTitle(t('flows.progress.title'));
  const errorText = useErrorText();
  const lookup = useMutation({ mutationFn: (values: Values) => api.post<CaseProgress>('/case-progress', values) });
  const p = lookup.data;
  return (
    <div className="tb-narrow tb-stack">
      <Card>
        <Typography.Title level={1} className="tb-page-title">
          {t('flows.progress.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('flows.progress.intro')}</Typography.Paragraph>
        <Form<Values>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => lookup.mutate({ number: values.number.trim(), idNumber: values.idNumber.trim() })}
        >
          <Form.Item
            label={t('flows.progress.number')}
            name="number"
            extra={t('flows.progress.numberHint')}
            rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('flows.progress.number') }) }]}
          >
            <Input inputMode="numeric" autoComplete="off" className="tb-code-field" maxLength={40} />
          </Form.Item>
          <Form.Item
            label={t('flows.progress.idNumber')}
            name="idNumber"
            rules={[{ required: true, whitespace: true, message: t('login.required', { field: t('flows.progress.idNumber') }) }]}
          >
            <Input autoComplete="off" className="tb-code-field" maxLength={18} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SearchOutlined />}
            block
            size="large"
            loading={lookup.isPending}
            data-testid="progress-submit"
          >
            {t('flows.progress.submit')}
          </Button>
        </Form>
        {lookup.isError ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={errorText(lookup.error)}
            className="tb-progress-result"
            data-testid="progress-error"
          />
        ) : null}
      </Card>
      {p ? (
        <Card title={<h2 className="tb-card-heading">{p.itemName}</h2>} data-testid="progress-result">
          <p className="tb-case-status">
            <CaseStatusTag status={p.status} stepKind={p.stepKind} />
          </p>
          <StageBar status={p.status} stepKind={p.stepKind} />
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'number', label: t('flows.progress.number'), children: <span className="tb-code">{p.number}</span> },
              { key: 'department', label: t('flows.progress.department'), children: p.departmentName },
              { key: 'applicant', label: t('flows.progress.applicant'), children: p.applicantName },
              { key: 'step', label: t('flows.progress.step'), children: p.stepName },
              { key: 'submittedAt', label: t('flows.progress.submittedAt'), children: formatDateTime(p.submittedAt) },
              { key: 'acceptedOn', label: t('flows.progress.acceptedOn'), children: formatDate(p.acceptedOn) },
              {
                key: 'dueOn',
                label: t('flows.progress.dueOn'),
                children: <DueDate date={p.promisedDueOn} level="none" />,
              },
              ...(p.decidedAt ? [{ key: 'decidedAt', label: t('flows.progress.decidedAt'), children: formatDateTime(p.decidedAt) }] : []),
              { key: 'updatedAt', label: t('flows.progress.updatedAt'), children: formatDateTime(p.updatedAt) },
            ]}
          />
          <Typography.Paragraph type="secondary" className="tb-note">
            {t('flows.progress.privacy')} <Link to="/me/cases">{t('flows.progress.toLogin')}</Link>
          </Typography.Paragraph>
        </Card>
      ) : null}
    </div>
  );
}
