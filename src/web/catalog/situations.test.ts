import { describe, expect, it } from 'vitest';
import { allAnswered, chosenSituation, matchingSituations, materialsFor } from './situations.ts';
import type { Guide } from './types.ts';

const guide = {
  situations: [
    { key: 'companyFirst', name: '公司首次', materialKeys: ['application', 'articles'] },
    { key: 'companyChange', name: '公司变更', materialKeys: ['application', 'resolution'] },
    { key: 'soleFirst', name: '个独首次', materialKeys: ['application'] },
  ],
  questionnaire: [
    {
      key: 'kind',
      text: '类型？',
      options: [
        { label: '公司', situationKeys: ['companyFirst', 'companyChange'] },
        { label: '个独', situationKeys: ['soleFirst'] },
      ],
    },
    {
      key: 'stage',
      text: '阶段？',
      options: [
        { label: '首次', situationKeys: ['companyFirst', 'soleFirst'] },
        { label: '变更', situationKeys: ['companyChange'] },
      ],
    },
  ],
  materials: ['application', 'articles', 'resolution'].map((key) => ({ key, name: key })),
} as unknown as Guide;

describe('the situation questionnaire', () => {
  it('narrows the situations answer by answer', () => {
    expect(matchingSituations(guide, {}).map((s) => s.key)).toEqual(['companyFirst', 'companyChange', 'soleFirst']);
    const company = matchingSituations(guide, { kind: 0 });
    expect(company.map((s) => s.key)).toEqual(['companyFirst', 'companyChange']);
    expect(chosenSituation(company, undefined)).toBeUndefined();
    const change = matchingSituations(guide, { kind: 0, stage: 1 });
    expect(chosenSituation(change, undefined)?.key).toBe('companyChange');
    expect(allAnswered(guide, { kind: 0 })).toBe(false);
    expect(allAnswered(guide, { kind: 0, stage: 1 })).toBe(true);
  });

  it('lists exactly the materials of the chosen situation, or all of them', () => {
    expect(materialsFor(guide, guide.situations[1]).map((m) => m.key)).toEqual(['application', 'resolution']);
    expect(materialsFor(guide, undefined)).toHaveLength(3);
  });
});
