import { Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnumLabel } from '../../catalog/labels.tsx';
import type { MaterialRequirement, Question, Situation } from '../../catalog/types.ts';
import { useFieldLabel } from './guide-form-basic.tsx';
import { FILE_TYPES, LIMIT_UNITS } from './guide-options.ts';
import { AddButton, EntryCard, newKey, useKeyRules } from './list-entry.tsx';

const keyOptions = (entries: Array<{ key?: string; name?: string } | undefined> | undefined) =>
  (entries ?? [])
    .filter((entry) => entry?.key)
    .map((entry) => ({ value: entry!.key!, label: entry!.name ? `${entry!.name} (${entry!.key})` : entry!.key! }));

/** 情形与问卷: the situations (each with its materials and own limit) and the questions that choose them. */
export function SituationFields() {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const label = useEnumLabel();
  const keyRules = useKeyRules();
  const materials = Form.useWatch('materials') as MaterialRequirement[] | undefined;
  const situations = Form.useWatch('situations') as Situation[] | undefined;
  return (
    <div className="tb-stack">
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.situations')}</h2>}>
        <Form.List name="situations">
          {(fields, { add, remove }, { errors }) => (
            <div className="tb-entries">
              {fields.map((field) => (
                <EntryCard key={field.key} list={['situations']} index={field.name} titleField="name" onRemove={() => remove(field.name)}>
                  <Row gutter={16}>
                    <Col xs={24} md={8}>
                      <Form.Item name={[field.name, 'key']} label={f('key')} rules={keyRules}>
                        <Input className="tb-code" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={16}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={f('situationName')}
                        rules={[{ required: true, min: 2, max: 60, message: t('itemAdmin.required', { field: f('situationName') }) }]}
                      >
                        <Input maxLength={60} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name={[field.name, 'description']} label={f('description')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'materialKeys']} label={f('materialKeys')}>
                    <Select mode="multiple" options={keyOptions(materials)} optionFilterProp="label" />
                  </Form.Item>
                  <Row gutter={16}>
                    <Col xs={12} md={8}>
                      <Form.Item name={[field.name, 'promisedLimit', 'value']} label={f('situationLimit')}>
                        <InputNumber min={0} max={3650} precision={0} className="tb-full" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item name={[field.name, 'promisedLimit', 'unit']} label={f('unit')} initialValue="workday">
                        <Select options={LIMIT_UNITS.map((value) => ({ value, label: label('limitUnit', value) }))} />
                      </Form.Item>
                    </Col>
                  </Row>
                </EntryCard>
              ))}
              <Form.ErrorList errors={errors} />
              <AddButton onClick={() => add({ key: newKey('situation', situations ?? []), name: '', materialKeys: [] })}>
                {t('itemAdmin.list.addSituation')}
              </AddButton>
            </div>
          )}
        </Form.List>
      </Card>
      <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.questionnaire')}</h2>}>
        <QuestionFields situations={situations} />
      </Card>
    </div>
  );
}

function QuestionFields({ situations }: { situations: Situation[] | undefined }) {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const keyRules = useKeyRules();
  const questions = Form.useWatch('questionnaire') as Question[] | undefined;
  const blankOption = { label: '', situationKeys: [] };
  return (
    <Form.List name="questionnaire">
      {(fields, { add, remove }, { errors }) => (
        <div className="tb-entries">
          {fields.map((field) => (
            <EntryCard key={field.key} list={['questionnaire']} index={field.name} titleField="text" onRemove={() => remove(field.name)}>
              <Row gutter={16}>
                <Col xs={24} md={8}>
                  <Form.Item name={[field.name, 'key']} label={f('key')} rules={keyRules}>
                    <Input className="tb-code" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item
                    name={[field.name, 'text']}
                    label={f('questionText')}
                    rules={[{ required: true, min: 2, max: 200, message: t('itemAdmin.required', { field: f('questionText') }) }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.List name={[field.name, 'options']}>
                {(options, optionOps) => (
                  <fieldset className="tb-fieldset">
                    <legend>{f('options')}</legend>
                    {options.map((option) => (
                      <Row gutter={16} key={option.key} className="tb-option-row">
                        <Col xs={24} md={8}>
                          <Form.Item
                            name={[option.name, 'label']}
                            label={f('optionLabel')}
                            rules={[{ required: true, message: t('itemAdmin.required', { field: f('optionLabel') }) }]}
                          >
                            <Input maxLength={100} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={13}>
                          <Form.Item
                            name={[option.name, 'situationKeys']}
                            label={f('situationKeys')}
                            rules={[
                              { required: true, type: 'array', min: 1, message: t('itemAdmin.required', { field: f('situationKeys') }) },
                            ]}
                          >
                            <Select mode="multiple" options={keyOptions(situations)} optionFilterProp="label" />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={3} className="tb-option-remove">
                          <button
                            type="button"
                            className="tb-link-button"
                            onClick={() => optionOps.remove(option.name)}
                            disabled={options.length <= 2}
                          >
                            {t('itemAdmin.list.remove')}
                          </button>
                        </Col>
                      </Row>
                    ))}
                    {options.length < 10 ? (
                      <AddButton onClick={() => optionOps.add(blankOption)}>{t('itemAdmin.list.addOption')}</AddButton>
                    ) : null}
                  </fieldset>
                )}
              </Form.List>
            </EntryCard>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < 10 ? (
            <AddButton onClick={() => add({ key: newKey('question', questions ?? []), text: '', options: [blankOption, blankOption] })}>
              {t('itemAdmin.list.addQuestion')}
            </AddButton>
          ) : null}
        </div>
      )}
    </Form.List>
  );
}

/** 申请材料: each material's name, source, originals and copies, 容缺, file types, 免提交 license. */
export function MaterialFields() {
  const { t } = useTranslation();
  const f = useFieldLabel();
  const keyRules = useKeyRules();
  const materials = Form.useWatch('materials') as MaterialRequirement[] | undefined;
  const blank = {
    name: '',
    source: '',
    originals: 1,
    copies: 0,
    required: true,
    deferrable: false,
    fileTypes: ['pdf', 'jpg'],
    maxSizeMb: 10,
  };
  return (
    <Card size="small" title={<h2 className="tb-card-heading">{t('itemAdmin.sections.materials')}</h2>}>
      <Form.List name="materials">
        {(fields, { add, remove }, { errors }) => (
          <div className="tb-entries">
            {fields.map((field) => (
              <EntryCard key={field.key} list={['materials']} index={field.name} titleField="name" onRemove={() => remove(field.name)}>
                <Row gutter={16}>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'key']} label={f('key')} rules={keyRules}>
                      <Input className="tb-code" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={16}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={f('materialName')}
                      rules={[{ required: true, min: 2, max: 200, message: t('itemAdmin.required', { field: f('materialName') }) }]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item
                      name={[field.name, 'source']}
                      label={f('source')}
                      rules={[{ required: true, message: t('itemAdmin.required', { field: f('source') }) }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                  </Col>
                  {(['originals', 'copies'] as const).map((name) => (
                    <Col xs={12} md={4} key={name}>
                      <Form.Item name={[field.name, name]} label={f(name)} rules={[{ required: true, type: 'number', min: 0, max: 20 }]}>
                        <InputNumber min={0} max={20} precision={0} className="tb-full" />
                      </Form.Item>
                    </Col>
                  ))}
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'required']} label={f('required')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name={[field.name, 'deferrable']} label={f('deferrable')} valuePropName="checked">
                      <Switch />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name={[field.name, 'fileTypes']}
                      label={f('fileTypes')}
                      rules={[{ required: true, type: 'array', min: 1, message: t('itemAdmin.required', { field: f('fileTypes') }) }]}
                    >
                      <Select mode="multiple" options={FILE_TYPES.map((value) => ({ value, label: value.toUpperCase() }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item
                      name={[field.name, 'maxSizeMb']}
                      label={f('maxSizeMb')}
                      rules={[{ required: true, type: 'number', min: 1, max: 100 }]}
                    >
                      <InputNumber min={1} max={100} precision={0} className="tb-full" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name={[field.name, 'replacedByLicenseType']} label={f('replacedBy')}>
                      <Input maxLength={60} />
                    </Form.Item>
                  </Col>
                  <Col xs={24}>
                    <Form.Item name={[field.name, 'notes']} label={f('notes')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'blankForm']} label={f('blankForm')}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item name={[field.name, 'sample']} label={f('sample')}>
                      <Input maxLength={300} />
                    </Form.Item>
                  </Col>
                </Row>
              </EntryCard>
            ))}
            <Form.ErrorList errors={errors} />
            <AddButton onClick={() => add({ key: newKey('material', materials ?? []), ...blank })}>
              {t('itemAdmin.list.addMaterial')}
            </AddButton>
          </div>
        )}
      </Form.List>
    </Card>
  );
}
