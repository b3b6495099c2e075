import { expect } from 'vitest';
import { makeCreditCode, makeIdNumber } from '../../../src/server/platform/identifiers.ts';
import { activate, login, type Client } from '../client.ts';
import type { TestPlatform } from '../platform.ts';
import { upload } from './case.ts';

/** Factories for the bundle (一件事) and window (一窗受理) tests. */

type Field = { key: string; type: string; required: boolean; options?: string[]; columns?: Field[]; min?: number; max?: number };

/** A valid value for a catalog form field of any type. */
export function valueFor(f: Field, n = 1): unknown {
  switch (f.type) {
    case 'number':
      return Math.max(f.min ?? 1, Math.min(f.max ?? 100, 50));
    case 'date':
      return '2026-11-20';
    case 'select':
      return f.options![0];
    case 'region':
      return '610922';
    case 'idNumber':
      return makeIdNumber({ regionCode: '610922', birthDate: '19880512', sequence: 100 + n });
    case 'creditCode':
      return makeCreditCode({ registrar: '9', category: '1', regionCode: '610922', serial: 70_000_000 + n });
    case 'phone':
      return '13912345678';
    case 'address':
      return '陕西省安康市石泉县城关镇江南路12号';
    case 'table':
      return [Object.fromEntries(f.columns!.filter((c) => c.required).map((c) => [c.key, valueFor(c, n)]))];
    default:
      return '测试内容';
  }
}

/** Fills every field of a merged form (or only the required ones). */
export function fillForm(form: Field[], opts: { all?: boolean } = {}): Record<string, unknown> {
  return Object.fromEntries(form.filter((f) => opts.all || f.required).map((f, i) => [f.key, valueFor(f, i)]));
}

/** Uploads one PDF per merged material that the applicant must submit (not shared from another sub-case). */
export async function uploadMaterials(
  p: TestPlatform,
  client: Client,
  materials: { key: string; sharedFrom: string | null; required: boolean }[],
  opts: { all?: boolean; omit?: string[] } = {},
) {
  const out = [];
  for (const m of materials) {
    if (m.sharedFrom || (!opts.all && !m.required) || opts.omit?.includes(m.key)) continue;
    out.push({ key: m.key, materialId: await upload(p, client, `${m.key}.pdf`) });
  }
  return out;
}

/** A staff account created by the security admin (TOTP off for tests), logged in. */
export async function makeStaff(p: TestPlatform, username: string, deptKey: string, roles: string[], opts: { hall?: boolean } = {}) {
  const sec = await login(p.app, 'secadmin1');
  const dept = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === deptKey);
  const hall = opts.hall ? (await sec.get('/api/v1/halls?regionCode=610922&pageSize=1')).json().items[0] : null;
  const res = await sec.post('/api/v1/staff', {
    username,
    displayName: username,
    departmentId: dept.id,
    roles,
    ...(hall ? { hallId: hall.id } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  await activate(p.app, username, res.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', username).execute();
  return { client: await login(p.app, username, 'Staff#2026x'), id: res.json().id as string, departmentId: dept.id as string };
}

/** The county centre hall of 石泉县 and its windows by number. */
export async function centreHall(client: Client) {
  const halls = (await client.get('/api/v1/halls?regionCode=610922&pageSize=100')).json().items;
  const hall = halls.find((h: { key: string }) => h.key === 'center-610922');
  return { hall, window: (n: string) => hall.windows.find((w: { number: string }) => w.number === n) };
}
