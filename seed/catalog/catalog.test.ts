import { describe, it, expect } from 'vitest';
import { guide, type Guide } from '../../src/server/modules/catalog/guide-schema.ts';
import { checkGuideConsistency, missingElements } from '../../src/server/modules/catalog/completeness.ts';
import { DEPARTMENT_KEYS } from '../org-data.ts';
import { FULL_GUIDES } from './full-guides/index.ts';
import { buildCatalog, mixOf, SHIQUAN, SHIQUAN_TARGETS, unit } from './generate.ts';
import { regionContext } from './regions.ts';
import { bundleSeeds } from '../bundles.ts';
import { synonyms } from './synonyms.ts';

const items = buildCatalog();
const parsed = items.map((i) => ({ ...i, g: guide.parse(i.guide) }));
const shiquan = parsed.filter((i) => i.regionCode === SHIQUAN);
const byRegion = new Map<string, typeof parsed>();
for (const i of parsed) byRegion.set(i.regionCode, [...(byRegion.get(i.regionCode) ?? []), i]);

const workdays = (l: Guide['legalLimit']) => (l.unit === 'workday' ? l.value : (l.value * 5) / 7);

describe('seed catalog: every item', () => {
  it('passes the guide schema, is consistent and complete', () => {
    for (const i of parsed) {
      expect(checkGuideConsistency(i.g), `${i.regionCode} ${i.g.name}`).toEqual([]);
      expect(missingElements(i.g), `${i.regionCode} ${i.g.name}`).toEqual([]);
      for (const k of ['legalBasis', 'conditions', 'process', 'places', 'hours', 'consultPhone', 'complaintPhone'] as const) {
        expect(i.g[k].length, `${i.g.name} ${k}`).toBeGreaterThan(3);
      }
      expect(i.popularity).toBeGreaterThanOrEqual(0);
      expect(i.popularity).toBeLessThanOrEqual(100);
    }
  });

  it('refers only to existing materials and situations, with promised ≤ legal limits and fees with a basis', () => {
    for (const { g } of parsed) {
      const materials = new Set(g.materials.map((m) => m.key));
      const situations = new Set(g.situations.map((s) => s.key));
      for (const s of g.situations) for (const k of s.materialKeys) expect(materials.has(k), `${g.name}: ${s.key} → ${k}`).toBe(true);
      for (const q of g.questionnaire)
        for (const o of q.options) for (const k of o.situationKeys) expect(situations.has(k), `${g.name}: ${q.key} → ${k}`).toBe(true);
      const limits = [g.promisedLimit, ...g.situations.flatMap((s) => (s.promisedLimit ? [s.promisedLimit] : []))];
      // A legal limit of 0 means none (法律、法规未规定): as in completeness.ts.
      if (g.legalLimit.value > 0)
        for (const p of limits) {
          if (p.unit === 'workday' && g.legalLimit.unit === 'workday') expect(p.value, g.name).toBeLessThanOrEqual(g.legalLimit.value);
          expect(workdays(p), g.name).toBeLessThanOrEqual(workdays(g.legalLimit));
        }
      if (g.handlingType === 'immediate') expect(g.promisedLimit.value, g.name).toBeLessThanOrEqual(1);
      for (const f of g.fees) {
        expect(f.basis.length, `${g.name} ${f.name}`).toBeGreaterThan(4);
        expect(f.amountYuan !== undefined || !!f.formula, `${g.name} ${f.name}`).toBe(true);
      }
      expect(g.supportsOnlinePayment || g.fees.length === 0 || g.onlineDepth < 3, g.name).toBe(true);
      if (g.onlineDepth === 4) expect(g.maxVisits, g.name).toBe(0);
      if (g.result.type === 'license') expect(g.result.licenseType, g.name).toBeTruthy();
    }
  });

  it('belongs to a seeded department', () => {
    for (const i of parsed) expect(DEPARTMENT_KEYS, i.g.name).toContain(i.departmentKey);
  });

  it('has unique basic codes and names within its region, and one code per name across regions', () => {
    const codeOf = new Map<string, string>();
    for (const [code, list] of byRegion) {
      expect(new Set(list.map((i) => i.g.basicCode)).size, code).toBe(list.length);
      expect(new Set(list.map((i) => i.g.name)).size, code).toBe(list.length);
      for (const i of list) {
        expect(i.g.basicCode).toMatch(/^000[0-9]{9}$/);
        const seen = codeOf.get(i.g.name);
        if (seen) expect(i.g.basicCode, i.g.name).toBe(seen);
        codeOf.set(i.g.name, i.g.basicCode);
      }
    }
  });
});

describe('seed catalog: 石泉县', () => {
  it('has exactly the reported 726 items with the reported mix, exactly', () => {
    const mix = mixOf(shiquan.map((i) => i.g));
    expect(mix.total).toBe(SHIQUAN_TARGETS.total);
    expect(mix.total).toBe(726);
    expect(mix.immediate).toBe(199);
    expect(mix.fullyOnline).toBe(174);
    expect(mix.canBookOnline).toBe(273);
    expect(mix.atMostOneVisit).toBe(473);
  });

  it('spreads them over at least 31 departments, county level', () => {
    expect(new Set(shiquan.map((i) => i.departmentKey)).size).toBeGreaterThanOrEqual(31);
    for (const i of shiquan) expect([4, 7], i.g.name).toContain(i.g.exerciseLevel);
    for (const i of shiquan) expect(i.g.places, i.g.name).toContain('石泉县');
  });

  it('includes at least 30 guides written in full, among them the named ones', () => {
    const full = FULL_GUIDES.map((d) => guide.parse(d.build(regionContext(SHIQUAN))));
    expect(full.length).toBeGreaterThanOrEqual(30);
    for (const g of full) {
      expect(g.materials.length, g.name).toBeGreaterThanOrEqual(3);
      expect(g.form.length, g.name).toBeGreaterThanOrEqual(3);
      expect(g.faq.length, g.name).toBeGreaterThanOrEqual(2);
      expect(g.keywords.length, g.name).toBeGreaterThanOrEqual(4);
      expect(g.themes.length, g.name).toBeGreaterThanOrEqual(1);
      expect(g.legalBasis, g.name).toMatch(/《[^》]+》/);
    }
    expect(full.filter((g) => g.situations.length >= 2 && g.questionnaire.length >= 1).length).toBeGreaterThanOrEqual(25);
    const names = new Set(shiquan.map((i) => i.g.name));
    const required = [
      /^企业设立登记$/,
      /^个体工商户(设立)?登记$/,
      /^食品经营许可$/,
      /^公章刻制备案$/,
      /结婚登记$/,
      /^户口迁移$/,
      /^居民身份证换领$/,
      /^出生医学证明/,
      /^社会保障卡申领$/,
      /^城乡居民基本医疗保险参保登记$/,
      /^不动产转移登记/,
      /^建筑工程施工许可/,
      /^道路运输经营许可/,
      /^取水许可$/,
      /^烟草专卖零售许可$/,
      /^残疾人证/,
      /^律师执业/,
      /^住房公积金提取$/,
      /^最低生活保障/,
    ];
    for (const re of required)
      expect(
        [...names].some((n) => re.test(n)),
        String(re),
      ).toBe(true);
    for (const g of full) expect(names.has(g.name), g.name).toBe(true);
  });

  it('charges the real fees where there are any', () => {
    const id = shiquan.find((i) => i.g.name === '居民身份证换领')!.g;
    expect(id.fees.map((f) => f.amountYuan)).toContain(20);
    const transfer = shiquan.find((i) => i.g.name.startsWith('不动产转移登记'))!.g;
    expect(transfer.fees.map((f) => f.amountYuan)).toEqual(expect.arrayContaining([80, 550]));
    expect(shiquan.find((i) => i.g.name === '内地居民结婚登记')!.g.fees).toEqual([]);
  });
});

describe('seed catalog: other regions', () => {
  it('gives every other demo region a smaller catalog with its own places, phones and level', () => {
    const others = [...byRegion.keys()].filter((c) => c !== SHIQUAN);
    expect(others).toEqual(expect.arrayContaining(['513424', '150626', '440306', '6101', '610113']));
    for (const code of others) {
      const list = byRegion.get(code)!;
      const c = regionContext(code);
      expect(list.length, code).toBeGreaterThanOrEqual(40);
      expect(list.length, code).toBeLessThanOrEqual(80);
      for (const i of list) {
        expect(i.g.places, `${code} ${i.g.name}`).toContain(c.name);
        expect(i.g.consultPhone.startsWith(c.areaCode), `${code} ${i.g.consultPhone}`).toBe(true);
        expect(i.g.exerciseLevel, i.g.name).toBe(code.length === 4 ? 3 : 4);
        expect(i.g.places, i.g.name).not.toContain('石泉');
      }
    }
    // Shaanxi-only rules stay in Shaanxi.
    expect(byRegion.get('440306')!.some((i) => i.g.legalBasis.includes('陕西省'))).toBe(false);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildCatalog())).toBe(JSON.stringify(items));
    expect(unit('a')).toBe(unit('a'));
    expect(unit('a')).not.toBe(unit('b'));
  });
});

describe('search synonyms', () => {
  it('has at least 60 distinct terms whose expansions occur in the catalog or name a seeded bundle', () => {
    expect(synonyms.length).toBeGreaterThanOrEqual(60);
    expect(new Set(synonyms.map((s) => s.term)).size).toBe(synonyms.length);
    const words = [...shiquan.map((i) => [i.g.name, ...i.g.keywords].join(' ')), ...bundleSeeds.map((b) => b.name)];
    for (const s of synonyms) {
      expect(s.expansions.length, s.term).toBeGreaterThan(0);
      for (const e of s.expansions)
        expect(
          words.some((w) => w.includes(e)),
          `${s.term} → ${e}`,
        ).toBe(true);
    }
  });

  it('names each seeded bundle exactly from the words residents use for its life event', () => {
    for (const b of bundleSeeds) expect(synonyms.filter((s) => s.expansions.includes(b.name)).length, b.name).toBeGreaterThanOrEqual(3);
  });
});
