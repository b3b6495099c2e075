import { Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnumLabel, useEnumOptions } from '../../catalog/labels.tsx';
import {
  CROSS_REGION_SCOPES,
  HANDLING_FORMS,
  ITEM_TYPES,
  LIMIT_UNITS,
  REFORM_MODES,
  RESULT_TYPES,
  SERVICE_OBJECTS,
  THEMES,
} from './guide-options.ts';

/** The editor's field label: `itemAdmin.fields.<name>`. */
export function useFieldLabel(): (name: string) => string {
  const { t } = useTranslation();
  return (name) => t(`itemAdmin.fields.${name}`);
}

/** 基本要素: name and codes, type, objects, themes, keywords, basis, conditions, process, result. */
export function BasicFields() {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const label = useEnumLabel();
  const options = useEnumOptions();
  return (
    <div className="tb-stack">
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.basics')}</h2>}>
        <Form.Item
          name="name"
          label={f('name')}
          rules={[{ required: true, min: 2, max: 200, message: t('itemAdmin.required', { field: f('name') }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="basicCode" label={f('basicCode')} extra={f('basicCodeHelp')}>
              <Input className="tb-code" disabled />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="exerciseLevel" label={f('exerciseLevel')}>
              <Select disabled options={options('exerciseLevel', [1, 2, 3, 4, 5, 6, 7])} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="itemType" label={f('itemType')}>
              <Select options={options('itemType', ITEM_TYPES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="reformMode" label={f('reformMode')}>
              <Select allowClear placeholder={label('reformMode', 'none')} options={options('reformMode', REFORM_MODES)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="serviceObjects"
          label={f('serviceObjects')}
          rules={[{ required: true, type: 'array', min: 1, message: t('itemAdmin.required', { field: f('serviceObjects') }) }]}
        >
          <Select mode="multiple" options={options('serviceObjects', SERVICE_OBJECTS)} />
        </Form.Item>
        <Form.Item name="themes" label={f('themes')} rules={[{ type: 'array', max: 6 }]}>
          <Select mode="multiple" maxCount={6} options={options('theme', THEMES)} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="keywords" label={f('keywords')} extra={f('keywordsHelp')} rules={[{ type: 'array', max: 20 }]}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="coDepartments" label={f('coDepartments')} rules={[{ type: 'array', max: 10 }]}>
          <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.texts')}</h2>}>
        <Form.Item name="legalBasis" label={f('legalBasis')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="conditions" label={f('conditions')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="process" label={f('process')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={4000} />
        </Form.Item>
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.result')}</h2>}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={['result', 'type']} label={f('resultType')}>
              <Select options={options('resultType', RESULT_TYPES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['result', 'name']} label={f('resultName')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['result', 'licenseType']} label={f('licenseType')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </div>
  );
}

/** A time limit: days and unit, and an optional note. */
function LimitFields({ name }: { name: 'legalLimit' | 'promisedLimit' }) {
  const f = useFieldLabel();
  const options = useEnumOptions();
  return (
    <fieldset className="tb-fieldset">
      <legend>{f(name)}</legend>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name={[name, 'value']} label={f('value')} rules={[{ required: true, type: 'number', min: 0, max: 3650 }]}>
            <InputNumber min={0} max={3650} precision={0} className="tb-full" />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name={[name, 'unit']} label={f('unit')}>
            <Select options={options('limitUnit', LIMIT_UNITS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={[name, 'note']} label={f('note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  );
}

/** 时限与办理: limits, handling type, visits, online depth, forms, scope, switches, place, hours, phones. */
export function HandlingFields() {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const options = useEnumOptions();
  return (
    <div className="tb-stack">
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.limits')}</h2>}>
        <LimitFields name="legalLimit" />
        <LimitFields name="promisedLimit" />
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.handling')}</h2>}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="handlingType" label={f('handlingType')}>
              <Select options={options('handlingType', ['promised', 'immediate'])} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="maxVisits"
              label={f('maxVisits')}
              extra={f('maxVisitsHelp')}
              rules={[{ required: true, type: 'number', min: 0, max: 5 }]}
            >
              <InputNumber min={0} max={5} precision={0} className="tb-full" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="onlineDepth" label={f('onlineDepth')}>
              <Select options={options('onlineDepth', [1, 2, 3, 4])} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="handlingForms"
          label={f('handlingForms')}
          rules={[{ required: true, type: 'array', min: 1, message: t('itemAdmin.required', { field: f('handlingForms') }) }]}
        >
          <Select mode="multiple" options={options('handlingForms', HANDLING_FORMS)} />
        </Form.Item>
        <Form.Item name="crossRegionScope" label={f('crossRegionScope')}>
          <Select options={options('crossRegion', CROSS_REGION_SCOPES)} />
        </Form.Item>
        <div className="tb-switches">
          {(['canBookOnline', 'supportsOnlinePayment', 'supportsExpress'] as const).map((name) => (
            <Form.Item key={name} name={name} label={f(name)} valuePropName="checked">
              <Switch />
            </Form.Item>
          ))}
        </div>
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.contact')}</h2>}>
        <Form.Item name="places" label={f('places')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
        </Form.Item>
        <Form.Item name="hours" label={f('hours')}>
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="consultPhone" label={f('consultPhone')}>
              <Input maxLength={40} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="complaintPhone" label={f('complaintPhone')}>
              <Input maxLength={40} inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
    </div>
  );
}
