import { ensureLicenseTypes } from '../src/server/modules/licenses/catalog-service.ts';
import type { AppContext } from '../src/server/platform/context.ts';
import { maskIdNumber, maskName, maskPhone } from '../src/server/platform/crypto.ts';
import { makeCreditCode, makeIdNumber } from '../src/server/platform/identifiers.ts';
import { hashPassword } from '../src/server/modules/identity/passwords.ts';
import * as identityRepo from '../src/server/modules/identity/repo.ts';
import * as orgRepo from '../src/server/modules/org/repo.ts';
import { recordAuditEvent } from '../src/server/platform/audit.ts';
import { seedCatalog } from './load-catalog.ts';
import { seedBundles } from './bundles.ts';
import { seedHallBooking } from './hall.ts';
import { seedAssessmentTargets } from './history.ts';
import {
  buildDepartmentSeeds,
  buildHallSeeds,
  countyCodesOfCity,
  DEPARTMENT_KEYS,
  findRegion,
  loadRegionSeeds,
  loadTownshipSeeds,
  loadVillageSeeds,
  VILLAGE_COUNTIES,
  type RegionSeed,
} from './org-data.ts';

export { DEMO_PASSWORD } from './demo-password.ts';
import { DEMO_PASSWORD } from './demo-password.ts';

/** The counties and cities whose organisation the seed builds: the regions of the reform reports. */
export const DEMO_REGIONS = ['610922', '513424', '150626', '440306', '6101'] as const;

export const demoAccounts = [
  { username: 'citizen1', role: '自然人 citizen of 石泉县' },
  { username: 'company1', role: '企业用户 enterprise user (石泉县秦巴茶业有限公司)' },
  { username: 'clerk1', role: '综合窗口受理员 clerk, 石泉县政务服务中心' },
  { username: 'clerk2', role: '统一出件窗口 pickup clerk, 石泉县政务服务中心 (window 05)' },
  { username: 'reviewer1', role: '审查员 reviewer, 石泉县市场监督管理局' },
  { username: 'approver1', role: '决定人/首席代表 approver, 石泉县市场监督管理局' },
  { username: 'admin1', role: '系统管理员 system admin, 石泉县' },
  { username: 'supervisor1', role: '监督员 supervisor, 石泉县' },
  { username: 'secadmin1', role: '安全管理员 security admin, 石泉县' },
  { username: 'auditor1', role: '审计管理员 audit admin, 石泉县' },
] as const;

/** The county whose departments have demo staff who can log in (every department of it). */
export const DEMO_STAFF_REGION = '610922';

/**
 * Department staff of the demo county, three per department: `<department key>.clerk` (受理), `.reviewer` (审查) and
 * `.approver` (决定), the key in lower case as every username is (police.clerk, health.reviewer,
 * housingfund.approver). The keys are those of seed/org-data.ts.
 */
export const departmentDuties = [
  { duty: 'clerk', role: 'clerk', zh: '受理员' },
  { duty: 'reviewer', role: 'reviewer', zh: '审查员' },
  { duty: 'approver', role: 'approver', zh: '决定人' },
] as const;
export type DepartmentDuty = (typeof departmentDuties)[number]['duty'];

/** The username of a demo department's staff member: `police.clerk`. */
export const departmentStaffUsername = (deptKey: string, duty: DepartmentDuty): string => `${deptKey.toLowerCase()}.${duty}`;

/** The demo logins for the start banner: the named accounts, then the department staff in three lines. */
export function demoLoginLines(width = 100): string[] {
  const lines = demoAccounts.map((a) => `    ${a.username.padEnd(12)} ${a.role}`);
  lines.push('    <dept>.clerk, <dept>.reviewer, <dept>.approver   受理, 审查, 决定 of each 石泉县 department <dept>:');
  let line = '     ';
  for (const key of DEPARTMENT_KEYS) {
    if (line.length + key.length + 1 > width) {
      lines.push(line);
      line = '     ';
    }
    line += ` ${key.toLowerCase()}`;
  }
  lines.push(line);
  return lines;
}

/** Regions (nationwide down to counties; townships and villages of the demo regions). Idempotent. */
export async function seedRegions(ctx: AppContext): Promise<number> {
  const rows: RegionSeed[] = loadRegionSeeds();
  await orgRepo.insertRegions(
    ctx.db,
    rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode })),
  );
  return rows.length;
}

/** Departments, halls and windows of one county-level region (or a city's own level); only what is missing. */
async function seedOrganisationOf(ctx: AppContext, code: string, townships: RegionSeed[], villages: RegionSeed[]) {
  const region = findRegion(code);
  if (!region) throw new Error(`unknown demo region ${code}`);
  const depts = new Map(
    (await orgRepo.listDepartments(ctx.db, { regionPrefix: code, limit: 1000, offset: 0 })).items
      .filter((d) => d.region_code === code)
      .map((d) => [d.key, d.id]),
  );
  for (const d of buildDepartmentSeeds(code, region.name)) {
    if (depts.has(d.key)) continue;
    const row = await orgRepo.insertDepartment(ctx.db, {
      key: d.key,
      name: d.name,
      short_name: d.shortName,
      credit_code: d.creditCode,
      region_code: code,
      kind: d.kind,
      phone: null,
      address: null,
    });
    depts.set(d.key, row.id);
  }
  const halls = new Set(
    (await orgRepo.listHalls(ctx.db, { regionPrefix: code, limit: 10_000, offset: 0 })).items.map((h) => `${h.region_code}:${h.key}`),
  );
  for (const h of buildHallSeeds(code, region.name, townships, villages)) {
    if (halls.has(`${h.regionCode}:${h.key}`)) continue;
    const level = h.level === 'county' && code.length === 4 ? 'city' : h.level; // a city's own 政务服务中心
    const hall = await orgRepo.insertHall(ctx.db, { key: h.key, name: h.name, level, region_code: h.regionCode, address: h.address });
    for (const w of h.windows) {
      await orgRepo.insertWindow(ctx.db, {
        hall_id: hall.id,
        number: w.number,
        name: w.name,
        kind: w.kind,
        department_id: (w.departmentKey && depts.get(w.departmentKey)) || null,
      });
    }
  }
}

/** Departments, halls and windows of every demo region. */
export async function seedOrganisation(ctx: AppContext): Promise<void> {
  for (const code of DEMO_REGIONS) {
    const counties = code.length === 4 ? countyCodesOfCity(code) : [code];
    if (code.length === 4) await seedOrganisationOf(ctx, code, [], []);
    for (const county of counties) {
      const townships = loadTownshipSeeds([county]);
      const villages = (VILLAGE_COUNTIES as readonly string[]).includes(county) ? loadVillageSeeds([county]) : [];
      await seedOrganisationOf(ctx, county, townships, villages);
    }
  }
}

type StaffSeed = { username: string; displayName: string; deptKey: string; roles: string[]; hall?: boolean };

const staffSeeds: StaffSeed[] = [
  { username: 'clerk1', displayName: '李娜', deptKey: 'serviceCenter', roles: ['clerk'], hall: true },
  { username: 'reviewer1', displayName: '陈伟', deptKey: 'market', roles: ['reviewer'] },
  { username: 'approver1', displayName: '刘强', deptKey: 'market', roles: ['approver', 'chiefRepresentative'] },
  { username: 'admin1', displayName: '赵敏', deptKey: 'serviceCenter', roles: ['systemAdmin'] },
  { username: 'supervisor1', displayName: '孙丽', deptKey: 'serviceCenter', roles: ['supervisor'] },
  { username: 'secadmin1', displayName: '周杰', deptKey: 'serviceCenter', roles: ['securityAdmin'] },
  { username: 'auditor1', displayName: '吴芳', deptKey: 'serviceCenter', roles: ['auditAdmin'] },
];

async function seedApplicant(
  ctx: AppContext,
  p: { username: string; name: string; idNumber: string; phone: string; passwordHash: string },
) {
  const account = await identityRepo.insertAccount(ctx.db, {
    username: p.username,
    password_hash: p.passwordHash,
    kind: 'applicant',
    display_name: maskName(p.name),
    totp_required: false,
  });
  await identityRepo.insertPerson(ctx.db, {
    account_id: account.id,
    name_enc: ctx.cipher.encrypt(p.name),
    name_masked: maskName(p.name),
    id_number_enc: ctx.cipher.encrypt(p.idNumber),
    id_number_index: ctx.cipher.blindIndex(`id:${p.idNumber}`),
    id_number_masked: maskIdNumber(p.idNumber),
    phone_enc: ctx.cipher.encrypt(p.phone),
    phone_index: ctx.cipher.blindIndex(`phone:${p.phone}`),
    phone_masked: maskPhone(p.phone),
    region_code: '610922',
    real_name_level: 2,
  });
  return account;
}

/**
 * The demo accounts (demo mode only), all with DEMO_PASSWORD and active at once. Their TOTP requirement
 * is off: the only place where a staff account may log in without a second factor, and the only accounts
 * not activated by their holder. company1's organisation is linked directly; it is also the first entry
 * of the demo's stand-in enterprise register (modules/identity/enterprise-identity.ts).
 */
export async function seedDemoAccounts(ctx: AppContext): Promise<void> {
  if (await identityRepo.findAccountByUsername(ctx.db, 'citizen1')) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await seedApplicant(ctx, {
    username: 'citizen1',
    name: '王秀英',
    idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19850315', sequence: 124 }),
    phone: '13800000001',
    passwordHash,
  });
  const rep = await seedApplicant(ctx, {
    username: 'company1',
    name: '张建国',
    idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19780908', sequence: 231 }),
    phone: '13800000002',
    passwordHash,
  });
  const org = await identityRepo.insertOrganization(ctx.db, {
    name: '石泉县秦巴茶业有限公司',
    credit_code: makeCreditCode({ registrar: '9', category: '1', regionCode: '610922', serial: 60_922_001 }),
    region_code: '610922',
    legal_representative_masked: maskName('张建国'),
  });
  await identityRepo.linkAccountToOrganization(ctx.db, rep.id, org.id, 'legalRepresentative');
  const hall = await orgRepo.findHallByKey(ctx.db, '610922', 'center-610922');
  for (const s of staffSeeds) {
    const dept = await orgRepo.findDepartmentByKey(ctx.db, '610922', s.deptKey);
    if (!dept) throw new Error(`demo department ${s.deptKey} missing`);
    await identityRepo.insertAccount(ctx.db, {
      username: s.username,
      password_hash: passwordHash,
      kind: 'staff',
      display_name: s.displayName,
      roles: s.roles,
      department_id: dept.id,
      region_code: '610922',
      hall_id: s.hall ? (hall?.id ?? null) : null,
      totp_required: false,
    });
  }
  await recordAuditEvent(ctx.db, ctx.auditKey, {
    actor: null,
    action: 'seed.demo',
    entityType: 'platform',
    after: { accounts: ['citizen1', 'company1', ...staffSeeds.map((x) => x.username)] },
  });
}

/**
 * A clerk, a reviewer and an approver for every department of the demo county (see `departmentDuties`), active
 * with DEMO_PASSWORD and no TOTP like the other demo accounts, and bound to no hall: they work their department's
 * queues (a hall-bound clerk would be a front desk of the whole county). Only the missing ones, so an existing
 * demo database gets them at its next start.
 */
export async function seedDepartmentStaff(ctx: AppContext): Promise<number> {
  const departments = (await orgRepo.listDepartments(ctx.db, { regionPrefix: DEMO_STAFF_REGION, limit: 1000, offset: 0 })).items.filter(
    (d) => d.region_code === DEMO_STAFF_REGION,
  );
  const wanted = departments.flatMap((d) =>
    departmentDuties.map((x) => ({ dept: d, ...x, username: departmentStaffUsername(d.key, x.duty) })),
  );
  const have = new Set(
    (
      await ctx.db
        .selectFrom('accounts')
        .select('username')
        .where(
          'username',
          'in',
          wanted.map((w) => w.username),
        )
        .execute()
    ).map((a) => a.username),
  );
  const missing = wanted.filter((w) => !have.has(w.username));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db
    .insertInto('accounts')
    .values(
      missing.map((w) => ({
        username: w.username,
        password_hash: passwordHash,
        kind: 'staff' as const,
        display_name: `${w.dept.short_name}${w.zh}`,
        roles: [w.role],
        department_id: w.dept.id,
        region_code: DEMO_STAFF_REGION,
        hall_id: null,
        totp_secret_enc: null,
        totp_required: false,
      })),
    )
    .execute();
  await recordAuditEvent(ctx.db, ctx.auditKey, {
    actor: null,
    action: 'seed.demoStaff',
    entityType: 'platform',
    after: { accounts: missing.length },
  });
  return missing.length;
}

/** Everything the demo needs; safe to run again. */
export async function seedDemo(ctx: AppContext): Promise<void> {
  if ((await orgRepo.countRegions(ctx.db)) === 0) await seedRegions(ctx);
  await seedOrganisation(ctx);
  await seedDemoAccounts(ctx);
  await seedDepartmentStaff(ctx);
  await seedCatalog(ctx);
  await ensureLicenseTypes(ctx);
  await seedBundles(ctx);
  await seedHallBooking(ctx);
  await seedAssessmentTargets(ctx);
}
