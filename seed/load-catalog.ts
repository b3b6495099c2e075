import type { AppContext } from '../src/server/platform/context.ts';
import { recordAuditEvent } from '../src/server/platform/audit.ts';
import { guide as guideSchema } from '../src/server/modules/catalog/guide-schema.ts';
import { checkGuideConsistency, missingElements } from '../src/server/modules/catalog/completeness.ts';
import * as catalogRepo from '../src/server/modules/catalog/repo.ts';
import { implementationCodeOf, summaryOf } from '../src/server/modules/catalog/service.ts';
import * as orgRepo from '../src/server/modules/org/repo.ts';
import { buildCatalog } from './catalog/generate.ts';
import { demoCatalogRegions } from './catalog/regions.ts';
import { synonyms } from './catalog/synonyms.ts';

/**
 * Loads the demo catalog as published version 1 of each item (in bulk: the seed is the one
 * writer that skips the review step) and the search synonyms (written at every start). Idempotent.
 */
export async function seedCatalog(ctx: AppContext): Promise<number> {
  // Every start, so that synonyms added later reach an existing database.
  await catalogRepo.upsertSynonyms(ctx.db, synonyms);
  const seeded = new Set(await catalogRepo.regionsWithItems(ctx.db));
  if (demoCatalogRegions().every((code) => seeded.has(code))) return 0;
  const items = buildCatalog();
  const byRegion = new Map<string, typeof items>();
  for (const it of items) byRegion.set(it.regionCode, [...(byRegion.get(it.regionCode) ?? []), it]);
  let loaded = 0;
  for (const [regionCode, list] of byRegion) {
    if (seeded.has(regionCode)) continue;
    const depts = new Map(
      (await orgRepo.listDepartments(ctx.db, { regionPrefix: regionCode, limit: 100, offset: 0 })).items
        .filter((d) => d.region_code === regionCode)
        .map((d) => [d.key, d]),
    );
    const rows = list.map((it) => {
      const dept = depts.get(it.departmentKey);
      if (!dept) throw new Error(`seed catalog: no department ${it.departmentKey} in ${regionCode}`);
      const g = guideSchema.parse(it.guide);
      const problems = [...checkGuideConsistency(g), ...missingElements(g)];
      if (problems.length) throw new Error(`seed catalog: ${g.name} (${regionCode}) ${JSON.stringify(problems)}`);
      return {
        ...summaryOf(g, dept.short_name),
        implementation_code: implementationCodeOf(dept.credit_code, g),
        basic_code: g.basicCode,
        region_code: regionCode,
        department_id: dept.id,
        popularity: it.popularity,
        guide: g,
      };
    });
    await ctx.db.transaction().execute((trx) => catalogRepo.insertPublishedItems(trx, rows));
    loaded += rows.length;
  }
  if (loaded > 0)
    await recordAuditEvent(ctx.db, ctx.auditKey, { actor: null, action: 'seed.catalog', entityType: 'catalog', after: { items: loaded } });
  return loaded;
}
