import { Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../catalog/labels.tsx';
import type { FormField } from '../../catalog/types.ts';
import { useFieldLabel } from './guide-form-basic.tsx';
import { FIELD_TYPES, PREFILL_SOURCES } from './guide-options.ts';
import { AddButton, EntryCard, newKey, useKeyRules } from './list-entry.tsx';

/** 申请表单: the fields of the application form (a table field's columns are kept, not edited here). */
export function FormFieldsEditor() {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const label = useEnumLabel();
  const keyRules = useKeyRules();
  const fields = Form.useWatch('form') as FormField[] | undefined;
  return (
    <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.form')}</h2>}>
      <Form.List name="form">
        {(entries, { add, remove }, { errors }) => (
          <div className="tb-entries">
            {entries.map((entry) => {
              const current = fields?.[entry.name];
              const isTable = current?.type === 'table';
              return (
                <EntryCard key={entry.key} list={['form']} index={entry.name} titleField="label" onRemove={() => remove(entry.name)}>
                  <Row gutter={16}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[entry.name, 'key']} label={f('key')} rules={keyRules}>
                        <Input className="tb-code" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[entry.name, 'label']}
                        label={f('fieldLabel')}
                        rules={[{ required: true, message: t('itemAdmin.required', { field: f('fieldLabel') }) }]}
                      >
                        <Input maxLength={60} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={4}>
                      <Form.Item name={[entry.name, 'type']} label={f('fieldType')}>
                        <Select
                          disabled={isTable}
                          options={[...FIELD_TYPES, ...(isTable ? ['table'] : [])].map((value) => ({
                            value,
                            label: label('fieldType', value),
                          }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={2}>
                      <Form.Item name={[entry.name, 'required']} label={f('fieldRequired')} valuePropName="checked">
                        <Switch />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[entry.name, 'help']} label={f('help')}>
                        <Input maxLength={200} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[entry.name, 'prefill']} label={f('prefill')}>
                        <Select allowClear options={PREFILL_SOURCES.map((value) => ({ value, label: label('prefill', value) }))} />
                      </Form.Item>
                    </Col>
                    {isTable && current && 'columns' in current ? (
                      <>
                        <Col xs={24}>
                          <p className="tb-muted">
                            {t('itemAdmin.fields.tableColumns', {
                              columns: current.columns.map((column) => column.label).join(t('guide.listSeparator')),
                            })}
                          </p>
                        </Col>
                        <Col xs={12} md={6}>
                          <Form.Item
                            name={[entry.name, 'maxRows']}
                            label={f('maxRows')}
                            rules={[{ required: true, type: 'number', min: 1, max: 200 }]}
                          >
                            <InputNumber min={1} max={200} precision={0} className="tb-full" />
                          </Form.Item>
                        </Col>
                      </>
                    ) : (
                      <>
                        {current?.type === 'select' ? (
                          <Col xs={24}>
                            <Form.Item name={[entry.name, 'options']} label={f('fieldOptions')}>
                              <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
                            </Form.Item>
                          </Col>
                        ) : null}
                        <Col xs={8} md={4}>
                          <Form.Item name={[entry.name, 'maxLength']} label={f('maxLength')}>
                            <InputNumber min={1} max={2000} precision={0} className="tb-full" />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={4}>
                          <Form.Item name={[entry.name, 'min']} label={f('min')}>
                            <InputNumber className="tb-full" />
                          </Form.Item>
                        </Col>
                        <Col xs={8} md={4}>
                          <Form.Item name={[entry.name, 'max']} label={f('max')}>
                            <InputNumber className="tb-full" />
                          </Form.Item>
                        </Col>
                      </>
                    )}
                  </Row>
                </EntryCard>
              );
            })}
            <Form.ErrorList errors={errors} />
            <AddButton onClick={() => add({ key: newKey('field', fields ?? []), label: '', type: 'text', required: true })}>
              {t('itemAdmin.list.addField')}
            </AddButton>
          </div>
        )}
      </Form.List>
    </Card>
  );
}

/** 收费与问答: the fees (none = 不收费) and the frequently asked questions. */
export function FeeFaqFields() {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const required = (name: string, min = 1) => [{ required: true, min, message: t('itemAdmin.required', { field: f(name) }) }];
  return (
    <div className="tb-stack">
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.fees')}</h2>}>
        <Form.List name="fees">
          {(entries, { add, remove }, { errors }) => (
            <div className="tb-entries">
              {entries.length === 0 ? <p className="tb-muted">{t('itemAdmin.list.noFees')}</p> : null}
              {entries.map((entry) => (
                <EntryCard key={entry.key} list={['fees']} index={entry.name} titleField="name" onRemove={() => remove(entry.name)}>
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item name={[entry.name, 'name']} label={f('feeName')} rules={required('feeName', 2)}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name={[entry.name, 'standard']} label={f('standard')} rules={required('standard')}>
                        <Input maxLength={300} />
                      </Form.Item>
                    </Col>
                    <Col xs={24}>
                      <Form.Item name={[entry.name, 'basis']} label={f('basis')} rules={required('basis', 4)}>
                        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[entry.name, 'amountYuan']} label={f('amountYuan')}>
                        <InputNumber min={0} max={10_000_000} className="tb-full" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[entry.name, 'formula']} label={f('formula')}>
                        <Input maxLength={300} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={[entry.name, 'collectedAt']} label={f('collectedAt')}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                  </Row>
                </EntryCard>
              ))}
              <Form.ErrorList errors={errors} />
              <AddButton onClick={() => add({ name: '', basis: '', standard: '' })}>{t('itemAdmin.list.addFee')}</AddButton>
            </div>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.faq')}</h2>}>
        <Form.List name="faq">
          {(entries, { add, remove }, { errors }) => (
            <div className="tb-entries">
              {entries.map((entry) => (
                <EntryCard key={entry.key} list={['faq']} index={entry.name} titleField="q" onRemove={() => remove(entry.name)}>
                  <Form.Item name={[entry.name, 'q']} label={f('question')} rules={required('question', 2)}>
                    <Input maxLength={300} />
                  </Form.Item>
                  <Form.Item name={[entry.name, 'a']} label={f('answer')} rules={required('answer')}>
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
                  </Form.Item>
                </EntryCard>
              ))}
              <Form.ErrorList errors={errors} />
              <AddButton onClick={() => add({ q: '', a: '' })}>{t('itemAdmin.list.addFaq')}</AddButton>
            </div>
          )}
        </Form.List>
      </Card>
    </div>
  );
}
