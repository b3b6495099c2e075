import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guide } from '../../src/server/modules/catalog/guide-schema.ts';
import type { HolderRule, LicenseFieldDef } from '../../src/server/modules/licenses/license-type-catalog.ts';
import { startTestPlatform, type TestPlatform, testDb } from './platform.ts';

/**
 * Every seeded license type against the forms of the items that issue it (defects issue 25.2): each field a license
 * prints must come from something the case is sure to have — a required form field of that item, the applicant, the
 * decision, the issue, or a number the authority assigns — so that no seeded item can seal "—" or another person's
 * name. Items whose result names a type the 证照目录 lacks are listed too (they would complete without a license).
 */
let p: TestPlatform;

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p?.close();
});

const always = new Set([
  'applicant.name',
  'applicant.code',
  'decision.date',
  'issue.date',
  'item.name',
  'assign.creditCode',
  'assign.unitNumber',
]);

/** The value keys an item's cases are sure to have. */
function guaranteed(g: Guide, holder: Set<string>): (key: string) => boolean {
  const required = new Set(g.form.filter((f) => f.required).map((f) => f.key));
  return (k) =>
    always.has(k) || required.has(k) || holder.has(k) || (k === 'assign.idNumber' && required.has('birthDate') && required.has('childSex'));
}

describe(`license types and the forms that feed them (${testDb})`, () => {
  it('every field of every license a seeded item issues has a sure source; every named type is catalogued', async () => {
    const types = await p.ctx.db.selectFrom('license_types').select(['name', 'key', 'holder', 'fields']).execute();
    const byName = new Map(types.map((t) => [t.name, t]));
    const items = await p.ctx.db
      .selectFrom('items')
      .innerJoin('item_versions', (j) =>
        j.onRef('item_versions.item_id', '=', 'items.id').onRef('item_versions.number', '=', 'items.published_version'),
      )
      .select(['items.name', 'items.implementation_code', 'items.region_code', 'item_versions.guide'])
      .where('items.status', '=', 'published')
      .execute();
    const problems: string[] = [];
    let checked = 0;
    for (const it of items) {
      const g = it.guide as Guide;
      if (g.result.type !== 'license' || !g.result.licenseType) continue;
      const t = byName.get(g.result.licenseType);
      if (!t) {
        problems.push(`${it.region_code} ${it.name}: 证照目录 has no “${g.result.licenseType}”`);
        continue;
      }
      checked++;
      const rule = t.holder as HolderRule;
      const holderSure = new Set<string>();
      const sureWithoutHolder = guaranteed(g, new Set());
      if (rule.name.some(sureWithoutHolder)) holderSure.add('holder.name');
      if (rule.code.some(sureWithoutHolder)) holderSure.add('holder.code');
      const sure = guaranteed(g, holderSure);
      for (const f of t.fields as LicenseFieldDef[]) {
        if (f.optional || f.from.some(sure)) continue;
        problems.push(`${it.region_code} ${it.name} → ${t.name}: “${f.label}” from ${f.from.join(' | ')}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
