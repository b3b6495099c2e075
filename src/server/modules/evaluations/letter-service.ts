import type { Actor } from '../../platform/actor.ts';
import { addWorkingDays, shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize, can, departmentListScope } from '../../platform/policies.ts';
import { loadCalendar } from '../calendar/index.ts';
import { findCase } from '../cases/index.ts';
import { audit, loadSettings, notify, SETTINGS_KEY } from './common.ts';
import { presentLetter } from './present.ts';
import * as repo from './repo.ts';
import type { EvaluationSettings, LetterBody, LetterQuery, LetterReplyBody } from './schema.ts';

/**
 * 督办函: a supervisor writes to the department responsible for a case or a bad rating, with a
 * reply deadline (default: the configured working days); the department replies; letters past
 * their deadline show as overdue and are warned about once by the sweep.
 */

const deptResource = (l: { department_id: string; region_code: string }) => ({
  type: 'department' as const,
  id: l.department_id,
  regionCode: l.region_code,
});

export async function sendLetter(ctx: AppContext, actor: Actor, b: LetterBody) {
  // Only someone who may send letters at all (in their own region) learns whether the subject exists.
  authorize(actor, 'letter.send', { type: 'department', id: '', regionCode: actor.regionCode ?? '' });
  let subject: { department_id: string; region_code: string; case_id: string | null; evaluation_id: string | null } | null = null;
  if (b.caseId) {
    const c = await findCase(ctx.db, b.caseId);
    if (c) subject = { department_id: c.department_id, region_code: c.region_code, case_id: c.id, evaluation_id: null };
  } else {
    const e = await repo.findEvaluation(ctx.db, b.evaluationId!);
    if (e) subject = { department_id: e.department_id, region_code: e.region_code, case_id: e.case_id, evaluation_id: e.id };
  }
  if (!subject || !can(actor, 'letter.send', deptResource(subject)))
    throw new AppError('LETTER_SUBJECT_INVALID', { reason: 'unknownOrOutsideRegion' });
  if (b.departmentId && b.departmentId !== subject.department_id)
    throw new AppError('LETTER_SUBJECT_INVALID', { reason: 'notResponsibleDepartment', departmentId: subject.department_id });
  const now = ctx.now();
  const today = shanghaiDate(now);
  const settings = await loadSettings(ctx.db);
  const due = b.replyDueOn ?? addWorkingDays(await loadCalendar(ctx, subject.region_code), today, settings.letterReplyWorkingDays);
  if (due <= today) throw new AppError('LETTER_DUE_INVALID', { replyDueOn: due, today });
  const region = actor.regionCode!;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const year = Number(today.slice(0, 4));
    const serial = await repo.nextLetterSerial(trx, region, year);
    const l = await repo.insertLetter(trx, {
      number: `督办〔${year}〕${region}-${serial}号`,
      region_code: subject.region_code,
      department_id: subject.department_id,
      case_id: subject.case_id,
      evaluation_id: subject.evaluation_id,
      subject: b.subject,
      body: b.body,
      reply_due_on: due,
      sent_by: actor.accountId,
      sent_at: now,
    });
    await audit(ctx, trx, actor, 'letter.send', 'supervisionLetter', l.id, null, {
      number: l.number,
      departmentId: l.department_id,
      caseId: l.case_id,
      evaluationId: l.evaluation_id,
      replyDueOn: due,
    });
    const staff = (await repo.departmentStaff(trx, l.department_id)).map((s) => s.id);
    await notify(trx, staff, {
      caseId: l.case_id,
      kind: 'letter.received',
      title: `收到督办函（${l.number}）`,
      body: `${b.subject}；请于${due}前回复。`,
    });
    return l.id;
  });
  return getLetter(ctx, actor, id);
}

export async function getLetter(ctx: AppContext, actor: Actor, id: string) {
  const l = await repo.findLetterView(ctx.db, id);
  if (!l) throw new AppError('LETTER_NOT_FOUND');
  authorize(actor, 'letter.read', deptResource(l), 'LETTER_NOT_FOUND');
  return presentLetter(l, shanghaiDate(ctx.now()));
}

/** The department replies, once. */
export async function replyToLetter(ctx: AppContext, actor: Actor, id: string, version: number, b: LetterReplyBody) {
  const peek = await repo.findLetterView(ctx.db, id);
  if (!peek) throw new AppError('LETTER_NOT_FOUND');
  authorize(actor, 'letter.read', deptResource(peek), 'LETTER_NOT_FOUND');
  authorize(actor, 'letter.reply', deptResource(peek));
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const l = (await repo.lockLetter(trx, id))!;
    if (l.status !== 'sent') throw new AppError('LETTER_ALREADY_REPLIED');
    if (l.version !== version) throw new AppError('VERSION_CONFLICT', { currentVersion: l.version });
    await repo.updateLetter(trx, l.id, l.version, { status: 'replied', reply: b.text, replied_by: actor.accountId, replied_at: now });
    const late = shanghaiDate(now) > l.reply_due_on;
    await audit(ctx, trx, actor, 'letter.reply', 'supervisionLetter', l.id, { status: l.status }, { status: 'replied', late });
    await notify(trx, [l.sent_by], {
      caseId: l.case_id,
      kind: 'letter.replied',
      title: `督办函已回复（${l.number}）`,
      body: b.text.slice(0, 200),
    });
  });
  return getLetter(ctx, actor, id);
}

/** Supervisors: letters of their region; department staff: letters to their department. `overdue=true`: past the deadline, unanswered. */
export async function listLetters(ctx: AppContext, actor: Actor, q: LetterQuery) {
  const scope = departmentListScope(actor);
  if (!scope) throw new AppError('FORBIDDEN');
  const today = shanghaiDate(ctx.now());
  const { items, total } = await repo.listLetters(ctx.db, scope, {
    status: q.status,
    overdueOn: q.overdue === 'true' ? today : undefined,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: items.map((l) => presentLetter(l, today)), total };
}

// ───────────────────────── settings

export async function readSettings(ctx: AppContext, actor: Actor) {
  if (actor.kind !== 'staff') throw new AppError('FORBIDDEN');
  return loadSettings(ctx.db);
}

export async function updateSettings(ctx: AppContext, actor: Actor, b: EvaluationSettings) {
  authorize(actor, 'evaluation.configure', { type: 'region', code: actor.regionCode ?? '' });
  const before = await loadSettings(ctx.db);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.writeSetting(trx, SETTINGS_KEY, b, ctx.now());
    await audit(ctx, trx, actor, 'evaluation.settings.update', 'setting', SETTINGS_KEY, before, b);
  });
  return loadSettings(ctx.db);
}
