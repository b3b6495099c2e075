import { IdcardOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { validateIdNumber } from '../../shared/identifiers.ts';
import { currentIdCardReader, manualIdCardReader } from './id-card-reader.ts';
import type { IdCardReading } from './id-card-reader.ts';

/**
 * 读卡: listens to the ID-card reader and hands each reading to `onRead` (the intake form fills the applicant's name and
 * ID number). Without a device, the button opens the stand-in: a manual entry that is emitted as a reading.
 */
export function IdCardButton({ onRead }: { onRead: (reading: IdCardReading) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; idNumber: string }>();
  useEffect(
    () =>
      currentIdCardReader().subscribe((reading) => {
        setLast(reading.name);
        onRead(reading);
      }),
    [onRead],
  );
  const reader = currentIdCardReader();
  return (
    <div className="tb-id-reader">
      <Button icon={<IdcardOutlined />} onClick={() => setOpen(true)} data-testid="id-reader-open">
        {t('flows.intake.reader')}
      </Button>
      {last ? (
        <span className="tb-muted" role="status" data-testid="id-reader-filled">
          {t('flows.intake.filled', { name: last })}
        </span>
      ) : null}
      <Modal open={open} title={t('flows.intake.readerTitle')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {reader.device ? null : <Alert type="info" showIcon title={t('flows.intake.readerNone')} className="tb-gap" />}
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => {
            manualIdCardReader.emit({ name: values.name.trim(), idNumber: values.idNumber.trim().toUpperCase() });
            setOpen(false);
          }}
        >
          <Form.Item name="name" label={t('apply.applicant.name')} rules={[{ required: true, whitespace: true, min: 2 }]}>
            <Input maxLength={40} autoComplete="off" autoFocus />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('apply.applicant.idNumber')}
            rules={[
              {
                required: true,
                validator: async (_rule, value: string) => {
                  if (!value || !validateIdNumber(value.trim().toUpperCase()).ok) throw new Error(t('apply.form.idNumber'));
                },
              },
            ]}
          >
            <Input maxLength={18} autoComplete="off" className="tb-code-field" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="id-reader-read">
            {t('flows.intake.readerRead')}
          </Button>
        </Form>
      </Modal>
    </div>
  );
}
