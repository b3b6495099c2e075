import { Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** Asks for the reason of a withdrawal (at least 4 characters; it goes to the audit log). */
export function WithdrawModal({
  open,
  busy,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('itemAdmin.editor.withdrawTitle')}
      okText={t('itemAdmin.editor.withdraw')}
      okButtonProps={{ danger: true, loading: busy }}
      cancelText={t('itemAdmin.editor.cancel')}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((values) => onConfirm(values.reason.trim()))}
      destroyOnHidden
    >
      <p>{t('itemAdmin.editor.withdrawText')}</p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('itemAdmin.editor.withdrawReason')}
          extra={t('itemAdmin.editor.withdrawReasonHelp')}
          rules={[{ required: true, whitespace: true, min: 4, max: 500, message: t('itemAdmin.editor.withdrawReasonHelp') }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
