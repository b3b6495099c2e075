import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { type CaseRow, finalStatuses, findCase, isComplete, lapseWaitingCase, type Release, releaseWaitingCase } from '../cases/index.ts';
import { licenseResultOfCase } from '../licenses/index.ts';
import type { ResultValue } from './definition.ts';
import * as repo from './repo.ts';

/**
 * 办理顺序 of a bundle case (defects issue 25.12): a sub-case that needs another's result (医保 after 出生医学证明, the
 * 社会保障卡 after the 公民身份号码 given at 出生登记) was filed `waiting`. This consumer of the cases module's events
 * (`case.completed`, `case.closed`) releases it once every item it waits for has completed with a result — its fields
 * filled from their licenses, its shared materials pointing at them — or lets it lapse when one ended without a result.
 * Idempotent: a repeated or concurrent event finds the sub-case no longer waiting.
 */

/** What the bundle case records of each selected item at filing: what it waits for and takes from the others. */
export type SelectionEntry = {
  item: string;
  itemCode: string;
  situationKey: string;
  /** Item keys whose result it waits for. */
  waitsFor?: string[];
  /** Its form fields taken from another item's license. */
  fromResults?: Record<string, { item: string; value: ResultValue }>;
  /** Its requirements shared from another item's result (requirement key → item key). */
  shared?: Record<string, string>;
};

const hasResult = (c: CaseRow) => isComplete(c.status) && c.decision === 'approved';

export async function onSubCaseSettled(ctx: AppContext, caseId: string): Promise<void> {
  const settled = await findCase(ctx.db, caseId);
  if (!settled?.bundle_case_id) return;
  const bc = await repo.findBundleCase(ctx.db, settled.bundle_case_id);
  if (!bc) return;
  const selection = bc.selection as SelectionEntry[];
  const subs = await repo.listSubCases(ctx.db, bc.id);
  const caseOf = (key: string) => subs.find((c) => c.implementation_code === selection.find((s) => s.item === key)?.itemCode);
  const nameOf = (key: string) => caseOf(key)?.item_name ?? key;
  for (const entry of selection) {
    const waiting = caseOf(entry.item);
    if (!waiting || waiting.status !== 'waiting') continue;
    const before = (entry.waitsFor ?? []).map((key) => ({ key, c: caseOf(key) }));
    const failed = before.find((b) => !b.c || (finalStatuses.includes(b.c.status) && !hasResult(b.c)));
    if (failed) {
      await settle(ctx, waiting.id, null, `因前置事项“${nameOf(failed.key)}”未取得办理结果，本事项无法继续办理`);
      continue;
    }
    if (!before.every((b) => hasResult(b.c!))) continue;
    await settle(ctx, waiting.id, await releaseOf(ctx, entry, caseOf, nameOf), null);
  }
}

/** The fields and licenses a waiting sub-case takes from its prerequisites' results; a missing value makes it lapse. */
async function releaseOf(
  ctx: AppContext,
  entry: SelectionEntry,
  caseOf: (key: string) => CaseRow | undefined,
  nameOf: (key: string) => string,
): Promise<Release | string> {
  const licenses = new Map<string, Awaited<ReturnType<typeof licenseResultOfCase>>>();
  const licenseOf = async (key: string) => {
    if (!licenses.has(key)) licenses.set(key, await licenseResultOfCase(ctx, caseOf(key)!.id));
    return licenses.get(key) ?? null;
  };
  const fields: Record<string, string> = {};
  for (const [field, r] of Object.entries(entry.fromResults ?? {})) {
    const l = await licenseOf(r.item);
    const v = !l ? '' : r.value === 'holder.name' ? l.holderName : r.value === 'holder.code' ? l.holderCode : l.identifier;
    if (!v) return `因前置事项“${nameOf(r.item)}”的电子证照缺少本事项所需的信息，本事项无法继续办理`;
    fields[field] = v;
  }
  const shared: Release['licenses'] = [];
  for (const [requirementKey, key] of Object.entries(entry.shared ?? {})) {
    const l = await licenseOf(key);
    if (l) shared.push({ requirementKey, licenseId: l.id, identifier: l.identifier, from: nameOf(key) });
  }
  const names = (entry.waitsFor ?? []).map((k) => `“${nameOf(k)}”`).join('、');
  return { fields, licenses: shared, note: `前置事项${names}已办结` };
}

/** Releases (or lets lapse) one waiting sub-case; a sub-case someone else already moved is left alone. */
async function settle(ctx: AppContext, caseId: string, release: Release | string | null, lapse: string | null) {
  try {
    if (release !== null && typeof release !== 'string') {
      try {
        await releaseWaitingCase(ctx, caseId, release);
        return;
      } catch (e) {
        // The values taken from the results do not fit the item's form: the case cannot go on as filed.
        if (!(e instanceof AppError && e.code === 'CASE_FORM_INVALID')) throw e;
        await lapseWaitingCase(ctx, caseId, '前置事项的办理结果与本事项的申请内容不符，本事项无法继续办理');
        return;
      }
    }
    await lapseWaitingCase(ctx, caseId, typeof release === 'string' ? release : lapse!);
  } catch (e) {
    if (e instanceof AppError && (e.code === 'CASE_STATE_INVALID' || e.code === 'VERSION_CONFLICT')) return;
    throw e;
  }
}
