import { describe, expect, it } from 'vitest';
import { guide as guideSchema, type Guide } from '../catalog/guide-schema.ts';
import { makeGuide } from '../../../../test/api/factories/guide.ts';
import { answerProblems, bundleDefinition, definitionProblems, mergeForm, mergeMaterials, reductionOf, selectItems } from './definition.ts';

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
    expect(r.bundle).toEqual({ materials: 3, fields: 3, steps: 3 + 2, visits: 1 });
    expect(r.percent).toEqual({ materials: 40, fields: 40, steps: 44.4, visits: 0 });
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
