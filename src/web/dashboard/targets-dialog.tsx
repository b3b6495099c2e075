import { useQueryClient } from '@tanstack/react-query';
import type { Schemas } from '../api-types.ts';
import { Alert, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useErrorText } from '../ui/error-text.ts';
import { useFeedback } from '../ui/feedback.tsx';

type Definition = Schemas['IndicatorDefinitions'][number];
type FormValues = { indicator: string; year: number; value: number; note?: string };

/** 设置考核目标: a system admin sets an indicator's target for the region and a year (PUT /supervision/targets). */
export function TargetsButton({ regionCode, definitions }: { regionCode: string; definitions: Definition[] }) {
  const { t, i18n } = useTranslation();
  const { message } = useFeedback();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<FormValues>();
  const indicator = Form.useWatch('indicator', form);
  const ratio = definitions.find((d) => d.key === indicator)?.unit === 'ratio';
  const en = i18n.language.startsWith('en');

  async function save(values: FormValues) {
    setPending(true);
    setError(null);
    try {
      await api.put('/supervision/targets', {
        regionCode,
        year: values.year,
        indicator: values.indicator,
        value: ratio ? values.value / 100 : values.value,
        note: values.note || null,
      });
      message.success(t('dashboard.targets.saved'));
      await queryClient.invalidateQueries({ queryKey: ['supervision'] });
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <Button
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        data-testid="set-target"
      >
        {t('dashboard.targets.button')}
      </Button>
      <Modal
        open={open}
        title={t('dashboard.targets.title')}
        onCancel={() => setOpen(false)}
        okText={t('dashboard.targets.save')}
        onOk={() => form.submit()}
        confirmLoading={pending}
        destroyOnHidden
      >
        <Form<FormValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ year: new Date().getFullYear() }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item
            name="indicator"
            label={t('dashboard.targets.indicator')}
            rules={[{ required: true, message: t('dashboard.targets.required') }]}
          >
            <Select showSearch optionFilterProp="label" options={definitions.map((d) => ({ value: d.key, label: en ? d.en : d.zh }))} />
          </Form.Item>
          <Form.Item name="year" label={t('dashboard.targets.year')} rules={[{ required: true, message: t('dashboard.targets.required') }]}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="value"
            label={ratio ? t('dashboard.targets.valuePercent') : t('dashboard.targets.value')}
            rules={[{ required: true, message: t('dashboard.targets.required') }]}
          >
            <InputNumber min={0} max={ratio ? 100 : undefined} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('dashboard.targets.note')}>
            <Input maxLength={200} />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={errorText(error)} /> : null}
        </Form>
      </Modal>
    </>
  );
}
