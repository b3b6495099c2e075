import { randomInt } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import { appendAuditEvent, type AuditInput } from '../../platform/audit.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/calendar.ts';
import type { AppContext } from '../../platform/context.ts';
import { sm3Hex } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageQuery } from '../../platform/http.ts';
import { authorize, can, type MandateResource } from '../../platform/policies.ts';
import { findItemsByCodes } from '../catalog/index.ts';
import { actorName, findOrRecordPerson } from '../identity/index.ts';
import { requireOwnMaterials } from '../materials/index.ts';
import { smsPerson } from '../notifications/index.ts';
import { type MandateRow, presentMandate } from './present.ts';
import * as repo from './repo.ts';
import type { MandateBody } from './schema.ts';

/**
 * 委托代办 (security issue 26.1): an agent acts for a person only under a mandate the person confirmed — by the SMS code
 * sent to the phone already on record for them (never to a number the agent types), or in person at a window before a
 * clerk who checks their ID card. Until then the agent can file nothing and see nothing of theirs. Scope (items) and
 * expiry are checked at every filing; the principal or the agent may revoke it.
 */

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const MAX_DAYS = 366;

const resourceOf = (m: MandateRow): MandateResource => ({
  type: 'mandate',
  agentAccountId: m.agent_account_id,
  principalPersonId: m.principal_person_id,
  regionCode: m.region_code,
});
const codeHash = (m: { id: string }, code: string) => sm3Hex(`mandate:${m.id}:${code}`);
const audit = (actor: Actor, action: string, m: MandateRow, after: unknown): AuditInput => ({
  actor: { accountId: actor.accountId, kind: actor.kind },
  action: `mandate.${action}`,
  entityType: 'mandate',
  entityId: m.id,
  after,
  ip: actor.ip,
});

async function readable(ctx: AppContext, actor: Actor, id: string) {
  const m = await repo.findMandate(ctx.db, id);
  if (!m || !can(actor, 'mandate.read', resourceOf(m))) throw new AppError('MANDATE_NOT_FOUND');
  return m;
}

/** An agent asks a person for a mandate; the person confirms it by SMS code (when a phone is on record) or at a window. */
export async function requestMandate(ctx: AppContext, actor: Actor, body: MandateBody) {
  authorize(actor, 'mandate.request', { type: 'region', code: actor.regionCode ?? '' });
  const today = shanghaiDate(ctx.now());
  const problems: { field: string; reason: string; value?: string }[] = [];
  if (body.validUntil < today || body.validUntil > addCalendarDays(today, MAX_DAYS))
    problems.push({ field: 'validUntil', reason: 'outOfRange', value: body.validUntil });
  const items = await findItemsByCodes(ctx.db, body.itemCodes);
  for (const code of new Set(body.itemCodes))
    if (!items.some((i) => i.implementation_code === code && i.status === 'published'))
      problems.push({ field: 'itemCodes', reason: 'unknown', value: code });
  if (problems.length) throw new AppError('MANDATE_INVALID', { problems });
  await requireOwnMaterials(ctx, actor, [body.materialId]);
  // The name must match the name on record for the ID number; a person met for the first time has only the typed phone.
  const { person, created } = await findOrRecordPerson(ctx, body.principal);
  const smsAllowed = !created;
  const now = ctx.now();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const m = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertMandate(trx, {
      agent_account_id: actor.accountId,
      principal_person_id: person.id,
      principal_name_masked: person.name_masked,
      region_code: actor.regionCode ?? '',
      item_codes: [...new Set(body.itemCodes)],
      scope: body.scope,
      valid_until: body.validUntil,
      material_id: body.materialId,
      sms_allowed: smsAllowed,
      created_at: now,
    });
    let stored = row;
    if (smsAllowed) {
      stored = (await repo.updateMandate(trx, row.id, row.version, {
        code_hash: codeHash(row, code),
        code_expires_at: new Date(now.getTime() + CODE_MINUTES * 60_000),
      }))!;
      const agent = await actorName(trx, actor);
      await smsPerson(
        ctx,
        trx,
        person.id,
        `${agent}申请代您办理“${body.scope}”，有效期至${body.validUntil}。如您同意，请将验证码${code}告知代办人（${CODE_MINUTES}分钟内有效）；如不同意，请勿告知任何人。`,
        'mandate.confirm',
      );
    }
    await appendAuditEvent(
      trx,
      ctx.auditKey,
      audit(actor, 'request', stored, { principal: person.id, items: stored.item_codes, smsAllowed }),
    );
    return stored;
  });
  return presentMandate(m, today);
}

/** The agent enters the code the principal received (and told them): the mandate is in force. */
export async function confirmMandate(ctx: AppContext, actor: Actor, id: string, input: { version: number; code: string }) {
  const m = await readable(ctx, actor, id);
  authorize(actor, 'mandate.use', resourceOf(m), 'MANDATE_NOT_FOUND');
  if (m.status !== 'pending') throw new AppError('MANDATE_NOT_ACTIVE', { status: m.status });
  if (m.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: m.version });
  const now = ctx.now();
  const usable = m.sms_allowed && m.code_hash && m.code_expires_at && new Date(m.code_expires_at) > now && m.code_attempts < MAX_ATTEMPTS;
  if (!usable || codeHash(m, input.code) !== m.code_hash) {
    if (usable) await repo.countCodeAttempt(ctx.db, m.id);
    throw new AppError('MANDATE_CODE_INVALID', { confirmBy: m.sms_allowed ? ['sms', 'window'] : ['window'] });
  }
  return activate(ctx, actor, m, 'sms', now);
}

/** A clerk at a window, having checked the principal's ID card in person, confirms the mandate (never the agent). */
export async function confirmMandateInPerson(ctx: AppContext, actor: Actor, id: string, input: { version: number }) {
  const m = await readable(ctx, actor, id);
  authorize(actor, 'mandate.confirmInPerson', resourceOf(m));
  if (m.status !== 'pending') throw new AppError('MANDATE_NOT_ACTIVE', { status: m.status });
  if (m.version !== input.version) throw new AppError('VERSION_CONFLICT', { currentVersion: m.version });
  return activate(ctx, actor, m, 'window', ctx.now());
}

async function activate(ctx: AppContext, actor: Actor, m: MandateRow, via: 'sms' | 'window', now: Date) {
  const done = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateMandate(trx, m.id, m.version, {
      status: 'active',
      confirmed_via: via,
      confirmed_by: actor.accountId,
      confirmed_at: now,
      code_hash: null,
      code_expires_at: null,
    });
    if (!row) throw new AppError('VERSION_CONFLICT', { currentVersion: m.version });
    await appendAuditEvent(trx, ctx.auditKey, audit(actor, 'confirm', row, { via }));
    return row;
  });
  return presentMandate(done, shanghaiDate(now));
}

export async function revokeMandate(ctx: AppContext, actor: Actor, id: string, input: { version: number; reason: string }) {
  const m = await readable(ctx, actor, id);
  authorize(actor, 'mandate.revoke', resourceOf(m));
  if (m.status === 'revoked') throw new AppError('MANDATE_NOT_ACTIVE', { status: m.status });
  const now = ctx.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.updateMandate(trx, m.id, input.version, {
      status: 'revoked',
      revoked_at: now,
      revoked_by: actor.accountId,
      revoke_reason: input.reason,
    });
    if (!row) throw new AppError('VERSION_CONFLICT', { currentVersion: m.version });
    await appendAuditEvent(trx, ctx.auditKey, audit(actor, 'revoke', row, { reason: input.reason }));
    return row;
  });
  return presentMandate(done, shanghaiDate(now));
}

export async function getMandate(ctx: AppContext, actor: Actor, id: string) {
  return presentMandate(await readable(ctx, actor, id), shanghaiDate(ctx.now()));
}

/** The agent's mandates; for a person, the mandates they gave. */
export async function listMandates(ctx: AppContext, actor: Actor, q: PageQuery) {
  const filter =
    actor.kind === 'staff'
      ? { agentAccountId: actor.accountId }
      : { principalPersonId: actor.personId ?? '00000000-0000-0000-0000-000000000000' };
  const { items, total } = await repo.listMandates(ctx.db, { ...filter, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const today = shanghaiDate(ctx.now());
  return { items: items.map((m) => presentMandate(m, today)), total };
}

/**
 * The mandate under which an agent files a case: theirs, confirmed, unexpired, covering the item. Returns what the
 * case records of it.
 */
export async function requireActiveMandate(ctx: AppContext, actor: Actor, id: string, itemCodes: string[]) {
  const m = await repo.findMandate(ctx.db, id);
  if (!m || !can(actor, 'mandate.use', resourceOf(m))) throw new AppError('MANDATE_NOT_FOUND');
  const today = shanghaiDate(ctx.now());
  if (m.status !== 'active' || m.valid_until < today)
    throw new AppError('MANDATE_NOT_ACTIVE', { status: m.status === 'active' ? 'expired' : m.status });
  const outside = m.item_codes.length > 0 ? itemCodes.filter((c) => !m.item_codes.includes(c)) : [];
  if (outside.length) throw new AppError('MANDATE_SCOPE_EXCEEDED', { itemCodes: outside });
  return { id: m.id, principalPersonId: m.principal_person_id, materialId: m.material_id, scope: m.scope, validUntil: m.valid_until };
}
