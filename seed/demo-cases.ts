import type { Actor, Role } from '../src/server/platform/actor.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { createPdf } from '../src/server/platform/pdf.ts';
import { applyForItem } from '../src/server/modules/cases/apply-service.ts';
import { validateFormData } from '../src/server/modules/catalog/form-schema.ts';
import { acceptCase, completeCase, decideCase, notifyDeficiency, reviewCase } from '../src/server/modules/cases/handle-service.ts';
import { getPublishedItem } from '../src/server/modules/catalog/query-service.ts';
import type { FormField, Guide } from '../src/server/modules/catalog/guide-schema.ts';
import { uploadMaterial } from '../src/server/modules/materials/service.ts';

/**
 * Demo cases for `npm start` (demo mode only, never in tests): a few 石泉县 市场监督管理局 cases in
 * different states, so the staff workbench and "my cases" show something on first start. They are
 * filed and handled through the same services as real requests (timeline, audit, notifications).
 */
async function actorOf(ctx: AppContext, username: string): Promise<Actor> {
  const a = await ctx.db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const person = await ctx.db.selectFrom('persons').select('id').where('account_id', '=', a.id).executeTakeFirst();
  const orgs = await ctx.db.selectFrom('account_organizations').select('organization_id').where('account_id', '=', a.id).execute();
  return {
    accountId: a.id,
    username,
    kind: a.kind,
    roles: a.roles as Role[],
    departmentId: a.department_id,
    regionCode: a.region_code,
    hallId: a.hall_id,
    personId: person?.id ?? null,
    organizationIds: orgs.map((o) => o.organization_id),
    sessionId: 'seed',
    ip: null,
  };
}

const PNG_1PX = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

async function samplePdf(title: string): Promise<Buffer> {
  const w = createPdf(title);
  w.text(title, { size: 16, bold: true });
  w.text('演示材料：由通办平台演示数据生成，仅供体验。');
  return w.save();
}

function sampleValue(f: FormField, who: { idNumber: string; creditCode: string | null }): unknown {
  switch (f.type) {
    case 'number':
      return Math.max(f.min ?? 1, 1);
    case 'date':
      return '2026-11-20';
    case 'select':
      return f.options?.[0];
    case 'idNumber':
      return who.idNumber;
    case 'creditCode':
      return who.creditCode ?? undefined;
    case 'phone':
      return '13800000001';
    case 'region':
      return '610922';
    case 'address':
      return '石泉县城关镇江南路1号';
    case 'table':
      return [];
    default:
      return `演示${f.label}`.slice(0, f.maxLength ?? 100);
  }
}

async function fileFor(
  ctx: AppContext,
  actor: Actor,
  code: string,
  g: Guide,
  who: { idNumber: string; creditCode: string | null },
  organizationId?: string,
) {
  const situation = g.situations[0];
  const formData = Object.fromEntries(g.form.map((f) => [f.key, sampleValue(f, who)]).filter(([, v]) => v !== undefined));
  const materials = [];
  for (const key of situation.materialKeys) {
    const req = g.materials.find((m) => m.key === key)!;
    if (!req.required) continue;
    const pdf = req.fileTypes.includes('pdf');
    const m = await uploadMaterial(
      ctx,
      actor,
      pdf ? { bytes: await samplePdf(req.name), filename: `${req.name}.pdf` } : { bytes: PNG_1PX, filename: `${req.name}.png` },
    );
    materials.push({ requirementKey: key, materialId: m.id });
  }
  const input = {
    itemCode: code,
    situationKey: situation.key,
    formData,
    materials,
    conditionCommitments: [],
    submit: true,
    organizationId,
  };
  return applyForItem(ctx, actor, input);
}

export async function seedDemoCases(ctx: AppContext): Promise<number> {
  if (await ctx.db.selectFrom('cases').select('id').limit(1).executeTakeFirst()) return 0;
  const market = await ctx.db
    .selectFrom('departments')
    .select('id')
    .where('region_code', '=', '610922')
    .where('key', '=', 'market')
    .executeTakeFirst();
  if (!market) return 0;
  const [citizen, company, clerk, reviewer, approver] = await Promise.all(
    ['citizen1', 'company1', 'clerk1', 'reviewer1', 'approver1'].map((u) => actorOf(ctx, u)),
  );
  const idOf = async (a: Actor) =>
    ctx.cipher.decrypt(
      (await ctx.db.selectFrom('persons').select('id_number_enc').where('id', '=', a.personId!).executeTakeFirstOrThrow()).id_number_enc,
    );
  const creditCode = (
    await ctx.db.selectFrom('organizations').select('credit_code').where('id', '=', company.organizationIds[0]).executeTakeFirstOrThrow()
  ).credit_code;
  const items = await ctx.db
    .selectFrom('items')
    .select('implementation_code')
    .where('department_id', '=', market.id)
    .where('status', '=', 'published')
    .where('handling_type', '=', 'promised')
    .orderBy('popularity', 'desc')
    .limit(30)
    .execute();
  const citizenWho = { idNumber: await idOf(citizen), creditCode };
  const companyWho = { idNumber: await idOf(company), creditCode };
  // Items whose first situation's form can be filled with generated values.
  const usable: { code: string; guide: Guide }[] = [];
  for (const { implementation_code: code } of items) {
    const { guide } = await getPublishedItem(ctx, code);
    if (guide.form.some((f) => f.type === 'table' && f.required)) continue;
    const formData = Object.fromEntries(
      guide.form.map((f) => [f.key, sampleValue(f, { idNumber: companyWho.idNumber, creditCode })]).filter(([, v]) => v !== undefined),
    );
    if (validateFormData(guide.form, formData).length === 0) usable.push({ code, guide });
    if (usable.length >= 5) break;
  }
  let filed = 0;
  const plan: ((i: { code: string; guide: Guide }) => Promise<void>)[] = [
    async ({ code, guide }) => {
      await fileFor(ctx, citizen, code, guide, citizenWho);
    },
    async ({ code, guide }) => {
      const c = await fileFor(ctx, citizen, code, guide, citizenWho);
      const key = guide.situations[0].materialKeys[0];
      await notifyDeficiency(ctx, clerk, c.id, c.version, {
        version: c.version,
        items: [{ requirementKey: key, problem: 'wrong', note: '扫描件不清晰，请重新上传' }],
      });
    },
    async ({ code, guide }) => {
      const c = await fileFor(ctx, company, code, guide, companyWho, company.organizationIds[0]);
      await acceptCase(ctx, clerk, c.id, c.version, { version: c.version, deferred: [], supplyWithinDays: 5, signedOnSite: false });
    },
    async ({ code, guide }) => {
      const c = await fileFor(ctx, citizen, code, guide, citizenWho);
      const a = await acceptCase(ctx, clerk, c.id, c.version, {
        version: c.version,
        deferred: [],
        supplyWithinDays: 5,
        signedOnSite: false,
      });
      await reviewCase(ctx, reviewer, a.id, a.version, {
        version: a.version,
        opinion: 'approve',
        comment: '材料齐全，符合法定条件，建议准予',
      });
    },
    async ({ code, guide }) => {
      const c = await fileFor(ctx, company, code, guide, companyWho, company.organizationIds[0]);
      let x = await acceptCase(ctx, clerk, c.id, c.version, { version: c.version, deferred: [], supplyWithinDays: 5, signedOnSite: false });
      x = await reviewCase(ctx, reviewer, x.id, x.version, { version: x.version, opinion: 'approve', comment: '同意' });
      x = await decideCase(ctx, approver, x.id, x.version, { version: x.version, decision: 'approved' });
      await completeCase(ctx, approver, x.id, x.version);
    },
  ];
  for (let i = 0; i < plan.length && i < usable.length; i++) {
    try {
      await plan[i](usable[i]);
      filed++;
    } catch (err) {
      ctx.log.warn({ err, item: usable[i].code }, 'demo case not filed');
    }
  }
  return filed;
}
