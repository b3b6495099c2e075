import { Alert, Checkbox, Form, Input, InputNumber, Radio } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Guide } from '../catalog/types.ts';
import { RequirementTags, replacedMaterials } from '../cases/case-materials.tsx';
import type { CaseDetail, CaseMaterial } from '../cases/types.ts';

/** What every action's fields receive. */
export type FieldsProps = { c: CaseDetail; form: FormInstance; problems: Record<string, string>; guide: Guide | undefined };

/** Required materials that are missing and may be deferred (容缺), and those that block acceptance. */
export function missingAtAcceptance(c: CaseDetail, guide: Guide | undefined): { deferrable: CaseMaterial[]; blocking: CaseMaterial[] } {
  const promised = replacedMaterials(c, guide);
  const missing = c.materials.filter((material) => material.required && !material.material && !promised.has(material.requirementKey));
  return { deferrable: missing.filter((material) => material.deferrable), blocking: missing.filter((material) => !material.deferrable) };
}

/** 受理: tick the deferrable missing materials to accept them as 容缺, with the supply deadline and on-site signature. */
export function AcceptFields({ c, problems, guide }: FieldsProps) {
  const { t } = useTranslation();
  const { deferrable, blocking } = missingAtAcceptance(c, guide);
  return (
    <>
      <p>{t('staffCase.accept.intro')}</p>
      {blocking.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="tb-gap"
          title={t('staffCase.accept.blocking', { names: blocking.map((material) => material.name).join(t('guide.listSeparator')) })}
        />
      ) : null}
      <fieldset className="tb-fieldset">
        <legend>{t('staffCase.accept.deferTitle')}</legend>
        {deferrable.length === 0 ? (
          <p>{t('staffCase.accept.noDeferrable')}</p>
        ) : (
          <>
            <p className="tb-muted">{t('staffCase.accept.deferIntro')}</p>
            <Form.Item name="deferred">
              <Checkbox.Group className="tb-vertical-checks">
                {deferrable.map((material) => (
                  <Checkbox key={material.requirementKey} value={material.requirementKey} data-testid={`defer-${material.requirementKey}`}>
                    {material.name}
                    {problems[material.requirementKey] ? (
                      <span className="tb-field-error"> {problems[material.requirementKey]}</span>
                    ) : null}
                  </Checkbox>
                ))}
              </Checkbox.Group>
            </Form.Item>
            <Form.Item name="supplyWithinDays" label={t('staffCase.accept.supplyWithinDays')}>
              <InputNumber min={1} max={30} />
            </Form.Item>
            <Form.Item name="signedOnSite" valuePropName="checked">
              <Checkbox>{t('staffCase.accept.signedOnSite')}</Checkbox>
            </Form.Item>
          </>
        )}
      </fieldset>
      {blocking.map((material) =>
        problems[material.requirementKey] ? (
          <p key={material.requirementKey} className="tb-field-error" role="alert">
            {material.name}：{problems[material.requirementKey]}
          </p>
        ) : null,
      )}
    </>
  );
}

/** Values of the one-time notice form: per material, whether it is listed, the problem and a note. */
export type NoticeValues = { items: Record<string, { ticked?: boolean; problem?: 'missing' | 'wrong'; note?: string }>; note?: string };

/** Initial values: nothing ticked; a material with no file would be "missing", one with a file "wrong". */
export function noticeInitial(c: CaseDetail): NoticeValues {
  return {
    items: Object.fromEntries(
      c.materials.map((material) => [
        material.requirementKey,
        { ticked: false, problem: material.material ? 'wrong' : 'missing', note: '' },
      ]),
    ),
  };
}

/** The notice body from the ticked rows. */
export function noticeBody(values: NoticeValues) {
  const items = Object.entries(values.items ?? {})
    .filter(([, item]) => item.ticked)
    .map(([requirementKey, item]) => ({
      requirementKey,
      problem: item.problem ?? 'missing',
      ...(item.note?.trim() ? { note: item.note.trim() } : {}),
    }));
  return { items, ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
}

/** 一次性告知: every material of the situation with a tick box; a ticked one gets 缺少/不符合要求 and a note. */
export function NoticeFields({ c, form, problems }: FieldsProps) {
  const { t } = useTranslation();
  const items = Form.useWatch<NoticeValues['items'] | undefined>('items', form);
  return (
    <>
      <p>{t('staffCase.notice.intro')}</p>
      <ul className="tb-plain-list tb-notice-list">
        {c.materials.map((material) => {
          const ticked = Boolean(items?.[material.requirementKey]?.ticked);
          return (
            <li
              key={material.requirementKey}
              className={`tb-notice-item${ticked ? ' tb-notice-ticked' : ''}`}
              data-testid={`notice-${material.requirementKey}`}
            >
              <Form.Item name={['items', material.requirementKey, 'ticked']} valuePropName="checked" className="tb-notice-tick">
                <Checkbox aria-label={t('staffCase.notice.tick', { name: material.name })}>
                  <span className="tb-material-name">{material.name}</span>{' '}
                  <span className="tb-tags">
                    <RequirementTags required={material.required} deferrable={material.deferrable} />
                  </span>
                  {material.material ? (
                    <span className="tb-muted"> · {material.material.filename}</span>
                  ) : (
                    <span className="tb-muted"> · {t('cases.materials.none')}</span>
                  )}
                </Checkbox>
              </Form.Item>
              {ticked ? (
                <div className="tb-notice-details">
                  <Form.Item name={['items', material.requirementKey, 'problem']} label={t('staffCase.notice.problem')}>
                    <Radio.Group
                      options={[
                        { value: 'missing', label: t('cases.problem.missing') },
                        { value: 'wrong', label: t('cases.problem.wrong') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name={['items', material.requirementKey, 'note']} label={t('staffCase.notice.itemNote')}>
                    <Input maxLength={300} />
                  </Form.Item>
                </div>
              ) : null}
              {problems[material.requirementKey] ? (
                <p className="tb-field-error" role="alert">
                  {problems[material.requirementKey]}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <Form.Item name="note" label={t('staffCase.notice.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('staffCase.notice.notePlaceholder')} />
      </Form.Item>
    </>
  );
}
