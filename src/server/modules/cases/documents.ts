import { shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createPdf } from '../../platform/pdf.ts';
import { findDepartmentById } from '../org/index.ts';
import { defaultRemedies } from './handle-service.ts';
import * as repo from './repo.ts';
import { documentsOf } from './query-service.ts';
import type { CaseRow } from './resource.ts';

const titles = {
  receipt: '申请材料接收凭证',
  acceptance: '受理通知书',
  correction: '补正材料通知书（一次性告知）',
  rejection: '不予受理通知书',
  decision: '行政许可决定书',
} as const;
export type DocumentKind = keyof typeof titles;

const day = (d: Date | string | null) => (d ? shanghaiDate(new Date(d)) : '—');

/** The case's written documents (文书) as PDF: receipt, acceptance, one-time notice, rejection, decision. */
export async function renderCaseDocument(ctx: AppContext, c: CaseRow, kind: DocumentKind): Promise<Buffer> {
  const notices = await repo.listNotices(ctx.db, c.id);
  if (!documentsOf(c, notices.length > 0).includes(kind)) throw new AppError('CASE_DOCUMENT_NOT_AVAILABLE', { kind });
  const dept = await findDepartmentById(ctx.db, c.department_id);
  const deptName = dept?.name ?? '';
  const title = kind === 'decision' && c.decision === 'denied' ? '不予行政许可决定书' : titles[kind];
  const w = createPdf(`${title} ${c.number}`);
  w.text(deptName, { size: 14, bold: true, gapAfter: 2 });
  w.text(title, { size: 18, bold: true, gapAfter: 6 });
  w.field('办件编号', c.number ?? '');
  w.field('申请人', c.applicant_name_masked);
  w.field('申请事项', c.item_name);
  w.field('提交时间', day(c.submitted_at));
  switch (kind) {
    case 'receipt':
      w.text('你（单位）提交的申请材料已收到。请凭办件编号查询办理进度。', { gapAfter: 6 });
      break;
    case 'acceptance':
      w.text(
        `经审查，你（单位）的申请${c.deemed_accepted ? '因未在法定期限内告知补正，依照《中华人民共和国行政许可法》第三十二条视为' : '符合法定形式，决定'}予以受理。`,
        { gapAfter: 4 },
      );
      w.field('受理日期', c.accepted_on ?? '');
      w.field('承诺办结日期', c.promised_due_on ?? '');
      w.field('法定办结日期', c.legal_due_on ?? '');
      break;
    case 'correction': {
      const n = notices.at(-1)!;
      w.text('你（单位）提交的申请材料不齐全或者不符合法定形式，请一次性补正以下材料：', { gapAfter: 4 });
      for (const [k, i] of (n.items as { name: string; problem: string; note?: string }[]).entries())
        w.text(`${k + 1}. ${i.name}（${i.problem === 'missing' ? '缺少' : '不符合要求'}${i.note ? `：${i.note}` : ''}）`, { indent: 12 });
      if (n.note) w.text(n.note);
      w.field('告知日期', day(n.issued_at));
      break;
    }
    case 'rejection':
      w.text(`经审查，你（单位）的申请不予受理。理由：${c.decision_reason ?? ''}`, { gapAfter: 4 });
      w.text(defaultRemedies);
      break;
    case 'decision':
      if (c.decision === 'approved') w.text(`经审查，你（单位）的申请符合法定条件、标准，依法作出准予${c.item_name}的决定。`);
      else {
        w.text(`经审查，你（单位）的申请不符合法定条件、标准，依法作出不予许可的决定。理由：${c.decision_reason ?? ''}`, { gapAfter: 4 });
        w.text(defaultRemedies);
      }
      w.field('决定日期', c.decided_on ?? '');
      break;
  }
  w.text(' ', { gapAfter: 10 });
  w.text(`${deptName}    ${shanghaiDate(ctx.now())}`, { bold: true });
  w.text('本文书由通办平台生成，可凭办件编号在平台核验。', { size: 9, color: '#777777' });
  return w.save();
}
