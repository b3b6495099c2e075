import { describe, expect, it } from 'vitest';
import type { Account } from '../../api-types.ts';
import type { Guide } from '../../catalog/types.ts';
import { applicationBody, cleanFormData, missingRequired, prefillValues, stepsOf } from './apply-state.ts';

const material = (key: string, extra: Partial<Guide['materials'][number]> = {}) => ({
  key,
  name: key,
  source: '申请人',
  originals: 1,
  copies: 0,
  required: true,
  deferrable: false,
  fileTypes: ['pdf'],
  maxSizeMb: 10,
  ...extra,
});

const guide = {
  situations: [
    { key: 'a', name: '情形甲', materialKeys: ['application', 'articles', 'premises'] },
    { key: 'b', name: '情形乙', materialKeys: ['application'] },
  ],
  materials: [material('application'), material('articles', { deferrable: true }), material('premises')],
  form: [
    { key: 'name', label: '名称', type: 'text', required: true },
    { key: 'capital', label: '资本', type: 'number', required: true },
    { key: 'id', label: '身份证', type: 'idNumber', required: false, prefill: 'person.idNumber' },
    { key: 'owner', label: '姓名', type: 'text', required: false, prefill: 'person.name' },
    { key: 'company', label: '企业', type: 'text', required: false, prefill: 'organization.name' },
    { key: 'rows', label: '明细', type: 'table', required: false, columns: [], maxRows: 3 },
  ],
  commitmentConditions: [{ key: 'premisesOk', text: '承诺场所符合要求', replacesMaterialKey: 'premises' }],
} as unknown as Guide;

const file = (id: string) => ({ id, filename: `${id}.pdf`, kind: 'pdf', size: 100, contentUrl: `/api/v1/materials/${id}/content` });

describe('the apply page state', () => {
  it('asks for the situation only when there is more than one', () => {
    expect(stepsOf(guide)).toEqual(['situation', 'form', 'materials', 'review']);
    expect(stepsOf({ situations: [guide.situations[0]] })).toEqual(['form', 'materials', 'review']);
  });

  it('sends only the form’s own non-empty values, trimmed, with upper-case ID numbers', () => {
    expect(cleanFormData(guide.form, { name: '  茶业  ', capital: 0, id: '61092219900101123x', owner: '', extra: 'x', rows: [] })).toEqual({
      name: '茶业',
      capital: 0,
      id: '61092219900101123X',
    });
  });

  it('needs every required material that is neither deferrable nor replaced by a commitment', () => {
    const values = { situationKey: 'a', formData: {}, materials: { application: file('m1') }, commitments: [] };
    expect(missingRequired(guide, values).map((m) => m.key)).toEqual(['premises']);
    expect(missingRequired(guide, { ...values, commitments: ['premisesOk'] })).toEqual([]);
  });

  it('leaves out materials of another situation and those a commitment replaces', () => {
    const values = {
      situationKey: 'b',
      formData: { name: '甲' },
      materials: { application: file('m1'), premises: file('m2') },
      commitments: [],
    };
    expect(applicationBody(guide, values)).toEqual({
      situationKey: 'b',
      formData: { name: '甲' },
      materials: [{ requirementKey: 'application', materialId: 'm1' }],
      conditionCommitments: [],
    });
    const a = applicationBody(guide, { ...values, situationKey: 'a', commitments: ['premisesOk'] });
    expect(a.materials).toEqual([{ requirementKey: 'application', materialId: 'm1' }]);
  });

  it('prefills from the account but never with masked values', () => {
    const account = {
      kind: 'applicant',
      person: { name: '王**', idNumber: '610922********1234', phone: '139****0000', realNameLevel: 2 },
      organizations: [{ id: 'o1', name: '石泉县秦巴茶业有限公司', creditCode: '91610922MA0000000X' }],
    } as unknown as Account;
    expect(prefillValues(guide.form, account, undefined)).toEqual({});
    expect(prefillValues(guide.form, account, 'o1')).toEqual({ company: '石泉县秦巴茶业有限公司' });
  });
});
