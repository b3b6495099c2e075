import type { AppealView, EvaluationView, LetterView, RectificationView } from './repo.ts';
import { isBad, scoreNames } from './schema.ts';

/** Rows → API shapes. Raters appear only as the case's masked applicant name. */

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function presentEvaluation(e: EvaluationView, names: Map<string, string>) {
  return {
    id: e.id,
    caseId: e.case_id,
    caseNumber: e.case_number,
    itemId: e.item_id,
    itemName: e.item_name,
    channel: e.channel,
    score: e.score,
    scoreName: scoreNames[e.score].zh,
    bad: isBad(e.score),
    tags: e.tags,
    comment: e.comment,
    departmentId: e.department_id,
    departmentName: e.department_name,
    regionCode: e.region_code,
    hallId: e.hall_id,
    windowId: e.window_id,
    windowName: e.window_name,
    staff: e.staff_ids.map((id) => ({ id, name: names.get(id) ?? '' })),
    raterName: e.applicant_name_masked,
    excluded: e.excluded,
    createdAt: iso(e.created_at)!,
    rectification: e.rectification_id
      ? {
          id: e.rectification_id,
          status: e.rectification_status!,
          dueOn: e.rectification_due_on!,
          callbackDueOn: e.rectification_callback_due_on!,
          warningLevel: e.rectification_warning_level!,
        }
      : null,
    appeal: e.appeal_id ? { id: e.appeal_id, status: e.appeal_status!, kind: e.appeal_kind! } : null,
  };
}

export function presentRectification<A extends string>(r: RectificationView, today: string, allowedActions: A[]) {
  const open = r.status !== 'closed' && r.status !== 'voided';
  return {
    id: r.id,
    evaluationId: r.evaluation_id,
    caseId: r.case_id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    regionCode: r.region_code,
    status: r.status,
    callbackDueOn: r.callback_due_on,
    dueOn: r.due_on,
    overdue: open && r.due_on < today,
    callbackOverdue: r.callback_at === null && open && r.callback_due_on < today,
    warningLevel: r.warning_level,
    callback: r.callback_at
      ? { at: iso(r.callback_at)!, method: r.callback_method, reached: r.callback_reached, summary: r.callback_summary }
      : null,
    finding: r.finding,
    verification: r.verification,
    measures: r.measures,
    feedback: r.feedback,
    signOffComment: r.signoff_comment,
    signedOffAt: iso(r.signed_off_at),
    score: r.score,
    itemName: r.item_name,
    caseNumber: r.case_number,
    allowedActions,
    version: r.version,
    createdAt: iso(r.created_at)!,
  };
}

export function presentAppeal(a: AppealView) {
  return {
    id: a.id,
    evaluationId: a.evaluation_id,
    departmentId: a.department_id,
    regionCode: a.region_code,
    appellant: { id: a.appellant_id, name: a.appellant_name },
    kind: a.kind,
    reason: a.reason,
    status: a.status,
    decidedAt: iso(a.decided_at),
    decisionComment: a.decision_comment,
    score: a.score,
    itemName: a.item_name,
    version: a.version,
    createdAt: iso(a.created_at)!,
  };
}

export function presentLetter(l: LetterView, today: string) {
  return {
    id: l.id,
    number: l.number,
    regionCode: l.region_code,
    departmentId: l.department_id,
    departmentName: l.department_name,
    caseId: l.case_id,
    caseNumber: l.case_number,
    evaluationId: l.evaluation_id,
    subject: l.subject,
    body: l.body,
    replyDueOn: l.reply_due_on,
    status: l.status,
    overdue: l.status === 'sent' && l.reply_due_on < today,
    sentBy: l.sender_name,
    sentAt: iso(l.sent_at)!,
    reply: l.reply,
    repliedBy: l.replier_name,
    repliedAt: iso(l.replied_at),
    version: l.version,
  };
}
