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
    const syn = [{ term: '开公司', expansions: ['企业设立登记'] }, { term: '身份证', expansions: ['居民身份证'] }];
    expect(expandQuery('我要开公司', syn)).toEqual(['我要开公司', '企业设立登记']);
    expect(expandQuery('结婚证', syn)).toEqual(['结婚证']);
  });
});

describe('guide diff', () => {
  it('matches keyed arrays by key and reports paths', () => {
    const a = { name: '结婚登记', materials: [{ key: 'idCard', copies: 1 }, { key: 'photo', copies: 3 }] };
    const b = { name: '结婚登记', materials: [{ key: 'photo', copies: 2 }, { key: 'household', copies: 1 }] };
    expect(diffGuides(a, b)).toEqual([
      { path: 'materials[idCard]', kind: 'removed', before: { key: 'idCard', copies: 1 } },
      { path: 'materials[photo].copies', kind: 'changed', before: 3, after: 2 },
      { path: 'materials[household]', kind: 'added', after: { key: 'household', copies: 1 } },
    ]);
    expect(diffGuides(a, a)).toEqual([]);
  });
});
