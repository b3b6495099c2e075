import type { AppContext } from '../../platform/context.ts';
import { authorityCode, licenseTypeSeeds } from './license-type-catalog.ts';
import * as repo from './repo.ts';

/** Loads the 证照目录 (idempotent; run at every start). */
export async function ensureLicenseTypes(ctx: AppContext): Promise<void> {
  for (const t of licenseTypeSeeds) {
    await repo.upsertLicenseType(ctx.db, {
      key: t.key,
      code: `${authorityCode(t)}${t.sequence}`,
      name: t.name,
      authority: t.authority,
      holder_kind: t.holderKind,
      validity_years: t.validityYears,
      fields: JSON.stringify(t.fields),
      code_confirmed: false,
    });
  }
}
