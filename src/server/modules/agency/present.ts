import type { Selectable } from 'kysely';
import type { MandatesTable } from '../../platform/db-types.ts';

export type MandateRow = Selectable<MandatesTable>;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** A mandate as the agent, the principal and the confirming clerk see it (the principal's name masked). */
export function presentMandate(m: MandateRow, today: string) {
  const expired = m.status === 'active' && m.valid_until < today;
  return {
    id: m.id,
    agentAccountId: m.agent_account_id,
    principalName: m.principal_name_masked,
    itemCodes: m.item_codes,
    scope: m.scope,
    validUntil: m.valid_until,
    materialId: m.material_id,
    status: expired ? ('expired' as const) : m.status,
    confirmBy: m.status === 'pending' ? (m.sms_allowed ? (['sms', 'window'] as const) : (['window'] as const)).slice() : [],
    confirmedVia: m.confirmed_via,
    confirmedAt: iso(m.confirmed_at),
    createdAt: iso(m.created_at)!,
    version: m.version,
  };
}
