import { describe, expect, it } from 'vitest';
import { guide as guideSchema, type Guide } from '../catalog/guide-schema.ts';
import { makeGuide } from '../../../../test/api/factories/guide.ts';
import {
  answerProblems,
  bundleDefinition,
  definitionProblems,
  longestChain,
  mergeForm,
  mergeMaterials,
  prerequisitesOf,
  reductionOf,
  selectItems,
} from './definition.ts';

const mat = (key: string, name: string, required = true) => ({
  key,
  name,
  source: '申请人',
  originals: 1,
  copies: 0,
  required,
  deferrable: false,
  fileTypes: ['pdf' as const],
  maxSizeMb: 5,
});

/** Two small items: A (3 steps, 1 visit) and B (immediate, 2 steps, no visit), sharing the ID card and the name. */
const a: Guide = guideSchema.parse(
  makeGuide({
    name: '甲事项',
    maxVisits: 1,
    situations: [{ key: 'main', name: '办理', materialKeys: ['application', 'idCard', 'license'] }],
    materials: [mat('application', '甲申请表'), mat('idCard', '身份证'), mat('license', '营业执照')],
    form: [
      { key: 'name', label: '姓名', type: 'text', required: true },
      { key: 'phone', label: '电话', type: 'phone', required: true },
    ],
  }),
);
const b: Guide = guideSchema.parse(
  makeGuide({
    name: '乙事项',
    handlingType: 'immediate',
    maxVisits: 0,
    promisedLimit: { value: 0, unit: 'workday' },
    situations: [{ key: 'main', name: '办理', materialKeys: ['application', 'applicantId'] }],
    materials: [mat('application', '乙申请表'), mat('applicantId', '申请人身份证')],
    form: [
      { key: 'name', label: '姓名', type: 'text', required: false },
      { key: 'mobile', label: '手机', type: 'phone', required: true },
      { key: 'note', label: '说明', type: 'text', required: false },
    ],
  }),
);
const guides = new Map([
  ['a', a],
  ['b', b],
]);
const def = bundleDefinition.parse({
  description: '测试一件事',
  items: [
    { key: 'a', itemCode: '1161092200000000000000000000001', situation: 'main' },
    {
      key: 'b',
      itemCode: '1161092200000000000000000000002',
      situation: 'main',
      when: { question: 'also', options: ['yes'] },
      fields: { mobile: 'phone' },
      materials: { application: 'bApplication', applicantId: 'idCard' },
    },
  ],
  questionnaire: [
    {
      key: 'also',
      text: '是否同时办理乙？',
      options: [
        { key: 'yes', label: '是' },
        { key: 'no', label: '否' },
      ],
    },
  ],
  materials: [{ key: 'license', name: '营业执照', providedBy: 'b' }],
});
const sel = (answers: Record<string, string>) => selectItems(def, answers).map((s) => ({ ...s, guide: guides.get(s.item.key)! }));

describe('bundle definitions', () => {
  it('answers select items; problems are listed', () => {
    expect(sel({ also: 'no' }).map((s) => s.item.key)).toEqual(['a']);
    expect(sel({ also: 'yes' }).map((s) => s.item.key)).toEqual(['a', 'b']);
    expect(answerProblems(def, {})).toEqual([{ question: 'also', reason: 'unanswered' }]);
    expect(answerProblems(def, { also: 'maybe', x: 'y' })).toEqual([
      { question: 'x', reason: 'unknownQuestion' },
      { question: 'also', reason: 'unknownOption:maybe' },
    ]);
  });

  it('merges fields by key (and alias) and materials by key (and alias); a material produced by another selected item is shared', () => {
    const s = sel({ also: 'yes' });
    const form = mergeForm(s);
    expect(form.map((f) => [f.key, f.required, f.items])).toEqual([
      ['name', true, ['a', 'b']],
      ['phone', true, ['a', 'b']],
      ['note', false, ['b']],
    ]);
    const mats = mergeMaterials(def, s);
    expect(mats.map((m) => [m.key, m.items.map((i) => `${i.item}.${i.requirementKey}`), m.sharedFrom ?? null])).toEqual([
      ['application', ['a.application'], null],
      ['idCard', ['a.idCard', 'b.applicantId'], null],
      ['license', ['a.license'], 'b'],
      ['bApplication', ['b.application'], null],
    ]);
    // Without B, the licence is not shared: it must be submitted.
    expect(mergeMaterials(def, sel({ also: 'no' })).find((m) => m.key === 'license')!.sharedFrom).toBeUndefined();
  });

  it('computes the reduction: materials, fields, steps, visits item by item vs as a bundle', () => {
    const r = reductionOf(def, sel({ also: 'yes' }));
    expect(r.itemByItem).toEqual({ materials: 5, fields: 5, steps: 3 + 2 + (2 + 2), visits: 1 });
    // A waits for B's licence: B's back office (1 step after 综合受理), then A's whole workflow (accepted by its department).
    expect(r.bundle).toEqual({ materials: 3, fields: 3, steps: 3 + (1 + 3), visits: 1 });
    expect(r.percent).toEqual({ materials: 40, fields: 40, steps: 22.2, visits: 0 });
    // Without B nothing waits: 申报, 综合受理, A's two back-office steps, 统一出件.
    expect(reductionOf(def, sel({ also: 'no' })).bundle.steps).toBe(3 + 2);
  });

  it('an item waits for the items whose result it takes (a shared material, a field, `after`); chains add up', () => {
    expect(Object.fromEntries(prerequisitesOf(def, sel({ also: 'yes' })))).toEqual({ a: ['b'], b: [] });
    expect(Object.fromEntries(prerequisitesOf(def, sel({ also: 'no' })))).toEqual({ a: [] });
    const chained = bundleDefinition.parse({
      ...def,
      items: [
        { ...def.items[0], when: undefined, after: [], fromResults: {} },
        { ...def.items[1], when: undefined, fromResults: { name: { item: 'a', value: 'holder.name' } } },
      ],
      materials: [],
      questionnaire: [],
    });
    const all = selectItems(chained, {}).map((x) => ({ ...x, guide: guides.get(x.item.key)! }));
    expect(Object.fromEntries(prerequisitesOf(chained, all))).toEqual({ a: [], b: ['a'] });
    // B's name comes from A's licence: not asked for B (A still asks it); without A, B asks it.
    expect(mergeForm(all).find((f) => f.key === 'name')!.items).toEqual(['a']);
    expect(mergeForm(all.filter((x) => x.item.key === 'b')).map((f) => f.key)).toContain('name');
    expect(longestChain(chained, all, (x) => (x.item.key === 'a' ? 10 : 3))).toBe(13);
    expect(definitionProblems(chained, guides)).toEqual([]);
  });

  it('refuses an order that cannot be kept: a cycle, a field from another item or from a result that is no licence', () => {
    const noLicense = guideSchema.parse({ ...b, result: { name: '登记信息', type: 'document' } });
    const cyclic = bundleDefinition.parse({
      ...def,
      items: [
        {
          ...def.items[0],
          after: ['b'],
          fromResults: { phone: { item: 'b', value: 'holder.code' }, nope: { item: 'a', value: 'holder.name' } },
        },
        { ...def.items[1], after: ['a', 'zz'] },
      ],
    });
    expect(definitionProblems(cyclic, new Map([...guides, ['b', noLicense]]))).toEqual([
      'item a: field phone from b, whose result is not a license',
      'item a: field nope from a, not another item of the bundle',
      'item b: after zz is not another item of the bundle',
      'items wait for each other: a → b → a',
    ]);
  });

  it('checks a definition against its guides', () => {
    expect(definitionProblems(def, guides)).toEqual([]);
    const bad = bundleDefinition.parse({
      ...def,
      items: [
        { ...def.items[0], situation: 'nope', fields: { nope: 'x' } },
        { ...def.items[1], fields: { mobile: 'note' } },
      ],
    });
    expect(definitionProblems(bad, guides)).toEqual([
      'item a: unknown situation nope',
      'item a: unknown field nope',
      'field note: b and b differ (phone vs text)',
    ]);
  });
});
