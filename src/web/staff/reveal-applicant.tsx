import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { Schemas } from '../api-types.ts';
import { ActionError } from '../cases/case-loader.tsx';

type ApplicantIdentity = Schemas['ApplicantIdentity'];

/**
 * 查看完整姓名: the masked name, and for the clerk handling the open case a button that asks for a reason and shows the
 * full name and ID number (the server checks who may, audits the view with the reason, and limits its rate).
 */
export function RevealApplicant({ caseId, masked }: { caseId: string; masked: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (reason: string) => api.post<ApplicantIdentity>(`/cases/${caseId}/applicant-identity`, { reason }),
  });
  const shown = reveal.data;
  return (
    <span className="tb-reveal">
      <span data-testid="applicant-name">{shown ? shown.name : masked}</span>
      {shown ? null : (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="reveal-open">
          {t('flows.reveal.button')}
        </Button>
      )}
      <Modal open={open} title={t('flows.reveal.title')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {shown ? (
          <>
            <div data-testid="reveal-result">
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'name', label: t('flows.reveal.name'), children: shown.name },
                  { key: 'id', label: t('flows.reveal.identifier'), children: <span className="tb-code">{shown.identifier}</span> },
                ]}
              />
            </div>
            <Alert type="info" showIcon title={t('flows.reveal.audited')} />
          </>
        ) : (
          <Form form={form} layout="vertical" onFinish={(values) => reveal.mutate(values.reason.trim())}>
            <ActionError error={reveal.error} />
            <Form.Item
              name="reason"
              label={t('flows.reveal.reason')}
              extra={t('flows.reveal.reasonHint')}
              rules={[{ required: true, whitespace: true, min: 2, message: t('flows.reveal.reasonHint') }]}
            >
              <Input maxLength={200} autoFocus />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={reveal.isPending} data-testid="reveal-submit">
              {t('flows.reveal.submit')}
            </Button>
          </Form>
        )}
      </Modal>
    </span>
  );
}
