import { describe, expect, it } from 'vitest';
import type { Guide } from '../../catalog/types.ts';
import { fieldPathOfElement, fieldPathOfValidation, guideToSave, tabOf } from './guide-paths.ts';

const guide = {
  materials: [{ key: 'application' }, { key: 'idCard' }],
  situations: [
    { key: 'first', materialKeys: [] },
    { key: 'change', materialKeys: [] },
  ],
  questionnaire: [{ key: 'kind' }],
  fees: [{ name: '登记费' }],
} as unknown as Partial<Guide>;

describe('fieldPathOfElement', () => {
  it('finds list entries by key and whole objects by their first input', () => {
    expect(fieldPathOfElement('promisedLimit', guide)).toEqual(['promisedLimit', 'value']);
    expect(fieldPathOfElement('situations[change].materialKeys', guide)).toEqual(['situations', 1, 'materialKeys']);
    expect(fieldPathOfElement('situations[first].promisedLimit', guide)).toEqual(['situations', 0, 'promisedLimit', 'value']);
    expect(fieldPathOfElement('materials[idCard]', guide)).toEqual(['materials', 1, 'name']);
    expect(fieldPathOfElement('materials[idCard].source', guide)).toEqual(['materials', 1, 'source']);
    expect(fieldPathOfElement('questionnaire[kind]', guide)).toEqual(['questionnaire', 0, 'text']);
    expect(fieldPathOfElement('fees[登记费]', guide)).toEqual(['fees', 0, 'name']);
    expect(fieldPathOfElement('result.licenseType', guide)).toEqual(['result', 'licenseType']);
    expect(fieldPathOfElement('legalBasis', guide)).toEqual(['legalBasis']);
    expect(fieldPathOfElement('materials[gone]', guide)).toEqual(['materials']);
  });

  it('names the tab of each element', () => {
    expect(tabOf(['promisedLimit', 'value'])).toBe('handling');
    expect(tabOf(['materials', 1, 'name'])).toBe('materials');
    expect(tabOf(['faq', 0, 'q'])).toBe('fees');
  });
});

describe('fieldPathOfValidation', () => {
  it('maps schema paths inside the guide to form paths', () => {
    expect(fieldPathOfValidation('guide.materials.0.name')).toEqual(['materials', 0, 'name']);
    expect(fieldPathOfValidation('body.guide.legalLimit.value')).toEqual(['legalLimit', 'value']);
    expect(fieldPathOfValidation('body.version')).toBeUndefined();
  });
});

describe('guideToSave', () => {
  it('trims texts and leaves out empty optional elements', () => {
    const base = { name: '旧名称', reformMode: null, legalLimit: { value: 20, unit: 'workday' } } as unknown as Guide;
    const saved = guideToSave(base, {
      name: ' 新名称 ',
      legalBasis: '',
      promisedLimit: { value: 5, unit: 'workday', note: '' },
      situations: [{ key: 'a', name: '甲', materialKeys: [], description: '', promisedLimit: { value: null, unit: 'workday' } as never }],
      fees: [{ name: '费', basis: '依据依据', standard: '每件', amountYuan: null as never, formula: '按件' }],
      form: [{ key: 'f', label: '字段', type: 'text', required: true, options: [], help: '' }],
    });
    expect(saved.name).toBe('新名称');
    expect(saved.legalBasis).toBe('');
    expect(saved.reformMode).toBeNull();
    expect(saved.legalLimit).toEqual({ value: 20, unit: 'workday' });
    expect(saved.promisedLimit).toEqual({ value: 5, unit: 'workday' });
    expect(saved.situations[0]).toEqual({ key: 'a', name: '甲', materialKeys: [] });
    expect(saved.fees[0]).toEqual({ name: '费', basis: '依据依据', standard: '每件', formula: '按件' });
    expect(saved.form[0]).toEqual({ key: 'f', label: '字段', type: 'text', required: true });
  });
});
