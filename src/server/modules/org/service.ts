import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { RegionLevel } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { validateCreditCode } from '../../platform/identifiers.ts';
import { authorize } from '../../platform/policies.ts';
import * as repo from './repo.ts';

const paging = (q: PageQuery) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

export function listRegions(ctx: AppContext, q: PageQuery & { parentCode?: string; level?: RegionLevel; q?: string }) {
  return repo.listRegions(ctx.db, { parentCode: q.parentCode, level: q.level, q: q.q, ...paging(q) });
}

export async function getRegion(ctx: AppContext, code: string) {
  const region = await repo.findRegion(ctx.db, code);
  if (!region) throw new AppError('REGION_NOT_FOUND');
  return { region, path: await repo.regionPath(ctx.db, code) };
}

async function requireRegion(ctx: AppContext, code: string) {
  if (!(await repo.findRegion(ctx.db, code))) throw new AppError('REGION_NOT_FOUND');
}

export async function listDepartments(ctx: AppContext, q: PageQuery & { regionCode?: string }) {
  if (q.regionCode) await requireRegion(ctx, q.regionCode);
  return repo.listDepartments(ctx.db, { regionPrefix: q.regionCode, ...paging(q) });
}

export async function getDepartment(ctx: AppContext, id: string) {
  const d = await repo.findDepartmentById(ctx.db, id);
  if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
  return d;
}

export type CreateDepartmentInput = {
  key: string;
  name: string;
  shortName: string;
  creditCode: string;
  regionCode: string;
  kind: 'government' | 'publicInstitution' | 'enterprise';
  phone?: string;
  address?: string;
};

export async function createDepartment(ctx: AppContext, actor: Actor, input: CreateDepartmentInput) {
  await requireRegion(ctx, input.regionCode);
  authorize(actor, 'department.create', { type: 'region', code: input.regionCode });
  const check = validateCreditCode(input.creditCode);
  if (!check.ok) throw new AppError('CREDIT_CODE_INVALID', { reason: check.reason });
  if (await repo.creditCodeInUse(ctx.db, input.creditCode)) throw new AppError('CREDIT_CODE_TAKEN');
  return ctx.db.transaction().execute(async (trx) => {
    const d = await repo.insertDepartment(trx, {
      key: input.key,
      name: input.name,
      short_name: input.shortName,
      credit_code: input.creditCode,
      region_code: input.regionCode,
      kind: input.kind,
      phone: input.phone ?? null,
      address: input.address ?? null,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'department.create',
      entityType: 'department',
      entityId: d.id,
      after: d,
      ip: actor.ip,
    });
    return d;
  });
}

export type UpdateDepartmentInput = { name?: string; shortName?: string; phone?: string | null; address?: string | null };

/** Department admins edit their own department; system admins any in their region. Optimistic version. */
export async function updateDepartment(ctx: AppContext, actor: Actor, id: string, version: number, input: UpdateDepartmentInput) {
  const before = await repo.findDepartmentById(ctx.db, id);
  if (!before) throw new AppError('DEPARTMENT_NOT_FOUND');
  authorize(actor, 'department.update', { type: 'department', id, regionCode: before.region_code });
  return ctx.db.transaction().execute(async (trx) => {
    const after = await repo.updateDepartment(
      trx,
      id,
      version,
      {
        name: input.name,
        short_name: input.shortName,
        phone: input.phone,
        address: input.address,
      },
      ctx.now(),
    );
    if (!after) throw new AppError('VERSION_CONFLICT', { currentVersion: before.version });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'department.update',
      entityType: 'department',
      entityId: id,
      before,
      after,
      ip: actor.ip,
    });
    return after;
  });
}

export async function listHalls(ctx: AppContext, q: PageQuery & { regionCode?: string }) {
  if (q.regionCode) await requireRegion(ctx, q.regionCode);
  return repo.listHalls(ctx.db, { regionPrefix: q.regionCode, ...paging(q) });
}

export async function getHall(ctx: AppContext, id: string) {
  const h = await repo.findHallById(ctx.db, id);
  if (!h) throw new AppError('HALL_NOT_FOUND');
  return h;
}

export type AddWindowInput = {
  number: string;
  name: string;
  kind: 'department' | 'comprehensive' | 'special' | 'peak';
  departmentId?: string;
};

/** Hall admins (or system admins of the region) add windows to a hall. */
export async function addWindow(ctx: AppContext, actor: Actor, hallId: string, input: AddWindowInput) {
  const hall = await getHall(ctx, hallId);
  authorize(actor, 'hall.manage', { type: 'hall', id: hall.id, regionCode: hall.region_code });
  if (input.departmentId) {
    const d = await repo.findDepartmentById(ctx.db, input.departmentId);
    if (!d || !d.region_code.startsWith(hall.region_code.slice(0, 6))) throw new AppError('DEPARTMENT_NOT_FOUND');
  }
  if (await repo.windowNumberInUse(ctx.db, hallId, input.number)) {
    throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'body.number', reason: 'windowNumberTaken' }] });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const w = await repo.insertWindow(trx, {
      hall_id: hallId,
      number: input.number,
      name: input.name,
      kind: input.kind,
      department_id: input.departmentId ?? null,
    });
    await appendAuditEvent(trx, ctx.auditKey, {
      actor: { accountId: actor.accountId, kind: actor.kind },
      action: 'window.create',
      entityType: 'window',
      entityId: w.id,
      after: w,
      ip: actor.ip,
    });
    return w;
  });
}
