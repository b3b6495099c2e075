import { describe, expect, it } from 'vitest';
import { diffGuides } from './diff.ts';
import { expandQuery, grams } from './search-text.ts';

describe('search grams', () => {
  it('cuts Han runs into bigrams and keeps Latin words whole', () => {
    expect(grams('住房公积金提取')).toEqual(['住房', '房公', '公积', '积金', '金提', '提取']);
    expect(grams('４S店 备案')).toEqual(['4s', '店', '备案']);
    expect(grams('证')).toEqual(['证']);
    expect(grams('营业执照办理').filter((g) => grams('企业设立登记（营业执照）').includes(g))).toEqual(['营业', '业执', '执照']);
  });

  it('expands a query with the synonyms it contains', () => {
    const syn = [
      { term: '开公司', expansions: ['企业设立登记'] },
      { term: '身份证', expansions: ['居民身份证'] },
    ];
    expect(expandQuery('我要开公司', syn)).toEqual(['我要开公司', '企业设立登记']);
    expect(expandQuery('结婚证', syn)).toEqual(['结婚证']);
  });

  it('takes the longest synonym term where terms overlap, and a shorter one where it stands alone', () => {
    const syn = [
      { term: '死亡', expansions: ['身后一件事'] },
      { term: '死亡证明', expansions: ['居民死亡医学证明'] },
      { term: '社保', expansions: ['社会保险'] },
      { term: '社保卡', expansions: ['社会保障卡'] },
    ];
    expect(expandQuery('死亡证明', syn)).toEqual(['死亡证明', '居民死亡医学证明']);
    expect(expandQuery('家人死亡', syn)).toEqual(['家人死亡', '身后一件事']);
    expect(expandQuery('办社保卡', syn)).toEqual(['办社保卡', '社会保障卡']);
    expect(expandQuery('社保卡和社保', syn)).toEqual(['社保卡和社保', '社会保障卡', '社会保险']);
    expect(expandQuery('死亡证明 死亡', syn)).toEqual(['死亡证明 死亡', '居民死亡医学证明', '身后一件事']);
  });
});

describe('guide diff', () => {
  it('matches keyed arrays by key and reports paths', () => {
    const a = {
      name: '结婚登记',
      materials: [
        { key: 'idCard', copies: 1 },
        { key: 'photo', copies: 3 },
      ],
    };
    const b = {
      name: '结婚登记',
      materials: [
        { key: 'photo', copies: 2 },
        { key: 'household', copies: 1 },
      ],
    };
    expect(diffGuides(a, b)).toEqual([
      { path: 'materials[idCard]', kind: 'removed', before: { key: 'idCard', copies: 1 } },
      { path: 'materials[photo].copies', kind: 'changed', before: 3, after: 2 },
      { path: 'materials[household]', kind: 'added', after: { key: 'household', copies: 1 } },
    ]);
    expect(diffGuides(a, a)).toEqual([]);
  });
});

describe('application form schema', () => {
  const fields = [
    { key: 'companyName', label: '企业名称', type: 'text' as const, required: true, maxLength: 50 },
    { key: 'capital', label: '注册资本', type: 'number' as const, required: true, min: 0 },
    { key: 'legalRepId', label: '法定代表人身份证号', type: 'idNumber' as const, required: true },
    { key: 'kind', label: '类型', type: 'select' as const, required: false, options: ['有限责任公司', '个人独资企业'] },
    {
      key: 'shareholders',
      label: '股东',
      type: 'table' as const,
      required: true,
      maxRows: 50,
      columns: [
        { key: 'name', label: '姓名', type: 'text' as const, required: true },
        { key: 'share', label: '比例', type: 'number' as const, required: true, min: 0, max: 100 },
      ],
    },
  ];

  it('accepts valid data and reports each invalid field', async () => {
    const { validateFormData, formJsonSchema } = await import('./form-schema.ts');
    const ok = {
      companyName: '石泉县秦巴茶业有限公司',
      capital: 100,
      legalRepId: '11010519491231002X',
      kind: '有限责任公司',
      shareholders: [{ name: '张三', share: 100 }],
    };
    expect(validateFormData(fields, ok)).toEqual([]);
    const bad = validateFormData(fields, {
      companyName: '',
      capital: -1,
      legalRepId: '11010519491231002x',
      kind: '合伙',
      shareholders: [],
      extra: 1,
    });
    expect(bad.map((e) => e.field)).toEqual(
      expect.arrayContaining(['companyName', 'capital', 'legalRepId', 'kind', 'shareholders', 'extra']),
    );
    const schema = formJsonSchema(fields) as { type: string; required: string[]; properties: Record<string, { type?: string }> };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['companyName', 'capital', 'legalRepId', 'shareholders']);
    expect(schema.properties.shareholders.type).toBe('array');
  });
});
