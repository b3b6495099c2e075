import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { validateFormData } from '../catalog/index.ts';
import { staffOfDepartment } from '../identity/index.ts';
import { decryptForm, encryptForm } from './create-case.ts';
import { runAction, type Notice } from './engine.ts';
import { guideOf } from './guide.ts';
import * as repo from './repo.ts';

/**
 * 一件事 sequencing, as the bundles module drives it (defects issue 25.12): a sub-case that needs another sub-case's
 * result is filed `waiting`. When that result exists it is released to its department (申报): the fields taken from the
 * result's license are filled in and its shared materials point at that license. When the other sub-case ends without a
 * result, the waiting one lapses (撤回, with the reason). Both are the system's steps: no actor, no version check.
 */
export type Release = {
  /** Form fields filled from a prerequisite's license (the newborn's 公民身份号码 from the 居民户口簿). */
  fields: Record<string, string>;
  /** Shared requirements now met by a prerequisite's license (出生医学证明 for 医保). */
  licenses: { requirementKey: string; licenseId: string; identifier: string; from: string }[];
  /** Why now, for the timeline (“出生医学证明已签发”). */
  note: string;
};

export function releaseWaitingCase(ctx: AppContext, caseId: string, r: Release) {
  return runAction(ctx, null, caseId, null, 'release', {
    run: async (c, { trx, now }) => {
      const g = await guideOf(trx, c);
      const form = { ...decryptForm(ctx, c), ...r.fields };
      const errors = validateFormData(g.form, form);
      if (errors.length) throw new AppError('CASE_FORM_INVALID', { errors });
      await repo.upsertCaseMaterials(
        trx,
        c.id,
        r.licenses.map((l) => ({
          requirement_key: l.requirementKey,
          material_id: null,
          license_id: l.licenseId,
          status: 'shared' as const,
          note: `由“${l.from}”办理结果共享（电子证照 ${l.identifier}）`,
        })),
        now,
      );
      const clerks = await staffOfDepartment(trx, c.department_id, ['clerk']);
      return {
        note: r.note,
        data: { fields: Object.keys(r.fields), licenses: r.licenses.map((l) => l.identifier) },
        patch: { form_data_enc: encryptForm(ctx, form), submitted_at: now },
        notify: [
          {
            to: 'applicant',
            kind: 'submitted',
            title: '申请已提交至办理部门',
            body: `${r.note}，“${c.item_name}”（${c.number}）已提交办理部门。`,
          },
          ...clerks.map(
            (s): Notice => ({
              to: { accountId: s.id },
              kind: 'released',
              title: '一件事办件待受理',
              body: `“${c.item_name}”（${c.number}）的前置事项已办结，请受理。`,
            }),
          ),
        ],
      };
    },
  });
}

export function lapseWaitingCase(ctx: AppContext, caseId: string, reason: string) {
  return runAction(ctx, null, caseId, null, 'lapse', {
    run: (c) => ({
      note: reason,
      data: { reason },
      patch: { decision_reason: reason },
      notify: [{ to: 'applicant', kind: 'lapsed', title: '事项未能办理', body: `“${c.item_name}”（${c.number}）${reason}。` }],
    }),
  });
}
