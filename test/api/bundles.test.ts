import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeCitizen, type Client } from './client.ts';
import { act, upload } from './factories/case.ts';
import { fillForm, makeStaff, uploadMaterials } from './factories/bundle.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';
import { makeIdNumber } from '../../src/server/platform/identifiers.ts';
import { caseEventHandlers } from '../../src/server/events.ts';
import { eventually } from './platform.ts';

let p: TestPlatform;
let citizen: Client;
let bundles: {
  id: string;
  key: string;
  name: string;
  reduction: { itemByItem: Record<string, number>; bundle: Record<string, number>; percent: Record<string, number> };
}[];

const startup = () => bundles.find((b) => b.key === 'businessStartup')!;
const allNeeds = { companyType: 'llc', needs: ['license', 'seal', 'invoice', 'social', 'fund'] };

/** Rows a failed request must leave untouched. */
const counts = async () => ({
  bundleCases: Number(
    (
      await p.ctx.db
        .selectFrom('bundle_cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  cases: Number(
    (
      await p.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

beforeAll(async () => {
  // The server's own wiring of the cases module's events: bundles releases the sub-cases that wait for a result.
  p = await startTestPlatform({ handlers: caseEventHandlers });
  p.clock.set('2026-11-23T02:00:00Z'); // Mon 10:00 Shanghai
  const c = await makeCitizen(p.ctx, { name: '周建华' });
  citizen = await login(p.app, c.username, c.password);
  bundles = (await citizen.get('/api/v1/bundles?regionCode=610922')).json().items;
});
afterAll(async () => {
  await p?.close();
});

describe(`一件事 bundles (${testDb})`, () => {
  it('seeds the five bundles of the issue, each with lead and co-departments and measured reductions', async () => {
    expect(bundles.map((b) => b.name)).toEqual(
      expect.arrayContaining(['新生儿出生一件事', '企业开办一件事', '身后一件事', '二手房转移登记与水电气过户', '结婚登记与户口迁移']),
    );
    const s = (await citizen.get(`/api/v1/bundles/${startup().id}`)).json();
    expect(s.leadDepartment.name).toContain('市场监督管理局');
    expect(s.coDepartments.map((d: { name: string }) => d.name).join()).toMatch(/公安局.*|税务/);
    expect(s.full.items.map((i: { name: string }) => i.name)).toEqual([
      '企业设立登记',
      '公章刻制备案',
      '发票领用',
      '社会保险单位参保登记',
      '住房公积金单位缴存登记',
    ]);
    // Figures recomputed from the items shown: Σ item by item vs the merged set.
    const r = s.full.reduction;
    expect(r.itemByItem.steps).toBe(s.full.items.reduce((n: number, i: { steps: number }) => n + i.steps + 2, 0));
    expect(r.bundle.materials).toBe(s.full.materials.filter((m: { sharedFrom: string | null }) => !m.sharedFrom).length);
    expect(r.bundle.fields).toBe(s.full.form.length);
    for (const k of ['materials', 'fields', 'steps'] as const) {
      expect(r.bundle[k]).toBeLessThan(r.itemByItem[k]);
      expect(r.percent[k]).toBeCloseTo(Math.round(((r.itemByItem[k] - r.bundle[k]) / r.itemByItem[k]) * 1000) / 10, 5);
    }
    // The business licence is shared from the 企业设立登记 sub-case, never asked of the applicant.
    const orgLicense = s.full.materials.find((m: { key: string }) => m.key === 'orgLicense');
    expect(orgLicense.sharedFrom).toBe('企业设立登记');
    // A field shared by several items is asked once.
    const name = s.full.form.filter((f: { key: string }) => f.key === 'enterpriseName');
    expect(name).toHaveLength(1);
    expect(name[0].items).toEqual(expect.arrayContaining(['企业设立登记', '公章刻制备案', '社会保险单位参保登记']));

    const indicator = (await citizen.get('/api/v1/bundles/reduction?regionCode=610922')).json();
    expect(indicator.total.count).toBe(bundles.length);
    expect(indicator.total.itemByItem.materials).toBe(bundles.reduce((n, b) => n + b.reduction.itemByItem.materials, 0));
    expect(indicator.total.percent.materials).toBeGreaterThan(0);
  });

  it('the questionnaire selects items and situations; answers selecting nothing or unknown options get a precise 400', async () => {
    const id = startup().id;
    const two = (
      await citizen.post(`/api/v1/bundles/${id}/evaluate`, { answers: { companyType: 'sole', needs: ['license', 'invoice'] } })
    ).json();
    expect(two.items.map((i: { name: string; situationName: string }) => [i.name, i.situationName])).toEqual([
      ['企业设立登记', '个人独资企业设立登记'],
      ['发票领用', '申请办理'],
    ]);
    const none = await citizen.post(`/api/v1/bundles/${id}/evaluate`, { answers: { companyType: 'llc', needs: [] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('BUNDLE_NO_ITEM_SELECTED');
    const bad = await citizen.post(`/api/v1/bundles/${id}/evaluate`, { answers: { companyType: 'bank', needs: ['license'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({
      code: 'BUNDLE_ANSWER_INVALID',
      details: { problems: [{ question: 'companyType', reason: 'unknownOption:bank' }] },
    });
    const before = await counts();
    const applyNone = await citizen.post(`/api/v1/bundles/${id}/cases`, {
      answers: { companyType: 'llc', needs: [] },
      formData: {},
      materials: [],
    });
    expect(applyNone.json().error.code).toBe('BUNDLE_NO_ITEM_SELECTED');
    expect(await counts()).toEqual(before);
  });

  it('企业开办: submitted once → five sub-cases in five departments, decided in parallel, one correction supplemented once, one package handed over once', async () => {
    const id = startup().id;
    const sel = (await citizen.post(`/api/v1/bundles/${id}/evaluate`, { answers: allNeeds })).json();
    const formData = fillForm(sel.form);
    const materials = await uploadMaterials(p, citizen, sel.materials);
    const before = await counts();

    // Bad input: a field only 公章刻制备案 requires is missing → 400 naming the field and the item; nothing created.
    const { shop: _shop, ...noShop } = formData;
    const r1 = await citizen.post(`/api/v1/bundles/${id}/cases`, { answers: allNeeds, formData: noShop, materials });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.code).toBe('BUNDLE_FORM_INVALID');
    expect(r1.json().error.details.errors).toEqual([expect.objectContaining({ field: 'shop', items: ['公章刻制备案'] })]);
    // A material required by the registration is missing; a shared one is offered; an unknown one is sent.
    const r2 = await citizen.post(`/api/v1/bundles/${id}/cases`, {
      answers: allNeeds,
      formData,
      materials: materials.filter((m) => m.key !== 'articles'),
    });
    expect(r2.json().error).toMatchObject({
      code: 'BUNDLE_MATERIALS_MISSING',
      details: { missing: [{ key: 'articles', items: ['企业设立登记'] }] },
    });
    const r3 = await citizen.post(`/api/v1/bundles/${id}/cases`, {
      answers: allNeeds,
      formData,
      materials: [...materials, { key: 'orgLicense', materialId: materials[0].materialId }],
    });
    expect(r3.json().error).toMatchObject({
      code: 'BUNDLE_MATERIAL_UNKNOWN',
      details: { keys: [{ key: 'orgLicense', reason: 'sharedFromResult' }] },
    });
    expect(await counts()).toEqual(before);

    const res = await citizen.post(`/api/v1/bundles/${id}/cases`, { answers: allNeeds, formData, materials });
    expect(res.statusCode, res.body).toBe(201);
    let bc = res.json();
    expect(bc).toMatchObject({ bundleName: '企业开办一件事', status: 'submitted', channel: 'online' });
    expect(bc.number).toMatch(/^B61092220261123\d{5}$/);
    expect(await counts()).toEqual({ bundleCases: before.bundleCases + 1, cases: before.cases + 5 });
    const depts = bc.subCases.map((c: { departmentName: string }) => c.departmentName);
    expect(new Set(depts).size).toBe(5);
    // 办理顺序: the registration goes first; seal, invoice, social insurance and housing fund wait for its 营业执照 (shared,
    // never submitted) and take the 统一社会信用代码 it assigns — the applicant is never asked a code the enterprise has not got.
    const statuses = Object.fromEntries(bc.subCases.map((c: { itemName: string; status: string }) => [c.itemName, c.status]));
    expect(statuses).toEqual({
      企业设立登记: 'submitted',
      公章刻制备案: 'waiting',
      发票领用: 'waiting',
      社会保险单位参保登记: 'waiting',
      住房公积金单位缴存登记: 'waiting',
    });
    expect(bc.subCases.filter((c: { status: string }) => c.status === 'waiting').map((c: { waitsFor: string[] }) => c.waitsFor)).toEqual(
      Array(4).fill(['企业设立登记']),
    );
    expect(sel.form.map((f: { key: string }) => f.key)).not.toContain('orgCreditCode');
    // One set of materials: each file once, the ID card of the legal representative serving four items.
    expect(bc.materials.map((m: { key: string }) => m.key).sort()).toEqual(materials.map((m) => m.key).sort());
    let sub = (name: string) => bc.subCases.find((c: { itemName: string }) => c.itemName === name);
    let seal = sub('公章刻制备案');
    let sealCase = (await citizen.get(`/api/v1/cases/${seal.id}`)).json();
    expect(sealCase.materials.find((m: { requirementKey: string }) => m.requirementKey === 'orgLicense')).toMatchObject({
      status: 'shared',
      note: '由“企业设立登记”办理结果共享',
    });
    expect(sealCase.materials.find((m: { requirementKey: string }) => m.requirementKey === 'legalRepId').material.id).toBe(
      materials.find((m) => m.key === 'shareholderId')!.materialId,
    );
    expect(sealCase.formData.orgName).toBe(formData.enterpriseName);
    expect(sealCase.formData.orgCreditCode).toBeUndefined();
    // Clock: the longest chain of promised limits (all immediate here: the same day).
    expect(bc.clock).toMatchObject({ startedOn: '2026-11-23', promisedDays: 0, promisedDueOn: '2026-11-23', overdue: false });

    // The departments' own staff; a department may not act on another's sub-case.
    const hrss = await makeStaff(p, 'bundle_hrss', 'hrss', ['clerk']);
    const fund = await makeStaff(p, 'bundle_fund', 'housingFund', ['clerk']);
    const police = await makeStaff(p, 'bundle_police', 'police', ['clerk']);
    const tax = await makeStaff(p, 'bundle_tax', 'tax', ['clerk']);
    const approver = await login(p.app, 'approver1');
    const foreign = await act(hrss.client, seal, 'handle-immediately');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error).toMatchObject({ code: 'BUNDLE_SUBCASE_NOT_OWNED', details: { departmentId: seal.departmentId } });
    // A waiting sub-case is not in its department's queue and cannot be handled before its prerequisite's result.
    expect((await police.client.get('/api/v1/staff/cases?queue=toAccept')).json().items.map((x: { id: string }) => x.id)).not.toContain(
      seal.id,
    );
    const early = await act(police.client, seal, 'handle-immediately');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'CASE_STATE_INVALID', details: { status: 'waiting' } });
    expect((await citizen.get(`/api/v1/cases/${seal.id}`)).json()).toMatchObject({ status: 'waiting', version: seal.version });
    // Staff of a taking-part department see the bundle, but only their own sub-case opens.
    const hrssView = (await hrss.client.get(`/api/v1/bundle-cases/${bc.id}`)).json();
    expect(hrssView.subCases.filter((c: { readable: boolean }) => c.readable).map((c: { itemName: string }) => c.itemName)).toEqual([
      '社会保险单位参保登记',
    ]);

    // The registration is decided and the 营业执照 issued: the four waiting sub-cases reach their departments.
    const lic = await act(approver, sub('企业设立登记'), 'handle-immediately');
    expect(lic.statusCode, lic.body).toBe(200);
    expect(lic.json().status).toBe('issued');
    bc = await eventually(async () => {
      const now = (await citizen.get(`/api/v1/bundle-cases/${bc.id}`)).json();
      return now.subCases.every((c: { status: string }) => c.status !== 'waiting') && now;
    });
    expect(bc.subCases.every((c: { status: string }) => c.status === 'submitted' || c.status === 'issued')).toBe(true);
    sub = (name: string) => bc.subCases.find((c: { itemName: string }) => c.itemName === name);
    seal = sub('公章刻制备案');
    sealCase = (await citizen.get(`/api/v1/cases/${seal.id}`)).json();
    expect(sealCase.formData.orgCreditCode).toMatch(/^91610922[0-9A-Z]{10}$/);
    expect(sealCase.materials.find((m: { requirementKey: string }) => m.requirementKey === 'orgLicense')).toMatchObject({
      status: 'shared',
      note: expect.stringContaining('由“企业设立登记”办理结果共享（电子证照'),
    });
    const fundForm = (await citizen.get(`/api/v1/cases/${sub('住房公积金单位缴存登记').id}`)).json().formData;
    expect(fundForm.orgCreditCode).toBe(sealCase.formData.orgCreditCode);
    expect(bc.package.entries.find((e: { itemName: string }) => e.itemName === '企业设立登记').license).toMatchObject({
      typeName: '营业执照',
      holderName: formData.enterpriseName,
      holderCode: sealCase.formData.orgCreditCode,
    });
    // The department's clerks are told the case is theirs now.
    const told = await p.ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('case_id', '=', seal.id)
      .where('account_id', '=', police.id)
      .execute();
    expect(told.map((n) => n.title)).toContain('一件事办件待受理');

    // Parallel decisions: each department handles its own (即办), the tax office finds a problem (一次性告知).
    expect((await act(police.client, seal, 'handle-immediately')).json().status).toBe('completed');
    expect((await act(hrss.client, sub('社会保险单位参保登记'), 'handle-immediately')).json().status).toBe('completed');
    const notice = await act(tax.client, sub('发票领用'), 'deficiency-notice', {
      items: [
        { requirementKey: 'applicantId', problem: 'wrong', note: '身份证复印件不清晰' },
        { requirementKey: 'application', problem: 'wrong', note: '未签字' },
      ],
    });
    expect(notice.statusCode, notice.body).toBe(200);

    // The bundle shows the correction; the applicant supplies once.
    bc = (await citizen.get(`/api/v1/bundle-cases/${bc.id}`)).json();
    expect(bc.status).toBe('correction');
    expect(bc.allowedActions).toEqual(['supplement']);
    expect(bc.corrections).toHaveLength(1);
    expect(bc.corrections[0]).toMatchObject({ itemName: '发票领用' });
    expect(bc.toSupplement.map((x: { key: string }) => x.key).sort()).toEqual(['invoiceApplication', 'shareholderId']);
    const badSupplement = await citizen.post(`/api/v1/bundle-cases/${bc.id}/supplement`, {
      version: bc.version,
      materials: [{ key: 'shareholderId', materialId: await upload(p, citizen, 'id2.pdf') }],
    });
    expect(badSupplement.statusCode).toBe(409);
    expect(badSupplement.json().error).toMatchObject({
      code: 'BUNDLE_SUPPLEMENT_INVALID',
      details: { missing: [{ key: 'invoiceApplication' }] },
    });
    const sup = await citizen.post(`/api/v1/bundle-cases/${bc.id}/supplement`, {
      version: bc.version,
      materials: [
        { key: 'shareholderId', materialId: await upload(p, citizen, 'id3.pdf') },
        { key: 'invoiceApplication', materialId: await upload(p, citizen, 'app2.pdf') },
      ],
    });
    expect(sup.statusCode, sup.body).toBe(200);
    bc = sup.json();
    expect(bc.status).toBe('inProgress');
    expect(bc.corrections).toEqual([]);
    expect(bc.timeline.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['submit', 'notifyDeficiency', 'supplement']),
    );
    const invoice = bc.subCases.find((c: { itemName: string }) => c.itemName === '发票领用');
    expect(invoice.status).toBe('submitted');
    expect((await act(tax.client, invoice, 'handle-immediately')).json().status).toBe('completed');
    const fundCase = bc.subCases.find((c: { itemName: string }) => c.itemName === '住房公积金单位缴存登记');
    expect((await act(fund.client, fundCase, 'handle-immediately')).json().status).toBe('completed');

    // One result package with the business licence and every decision document; one hand-over at the pickup window.
    bc = (await citizen.get(`/api/v1/bundle-cases/${bc.id}`)).json();
    expect(bc.status).toBe('completed');
    expect(bc.package.ready).toBe(true);
    expect(bc.package.entries).toHaveLength(5);
    expect(bc.package.entries.find((e: { itemName: string }) => e.itemName === '企业设立登记').license).toMatchObject({
      typeName: '营业执照',
      status: 'valid',
    });
    expect(bc.package.entries.every((e: { documents: { kind: string }[] }) => e.documents.some((d) => d.kind === 'decision'))).toBe(true);
    const clerk1 = await login(p.app, 'clerk1');
    const notPickup = await clerk1.post(`/api/v1/bundle-cases/${bc.id}/hand-over`, { version: bc.version, recipientName: '周建华' });
    expect(notPickup.statusCode).toBe(403);
    expect(notPickup.json().error.code).toBe('WINDOW_NOT_PICKUP');
    const clerk2 = await login(p.app, 'clerk2');
    expect((await clerk2.get('/api/v1/staff/bundle-cases?queue=toHandOver')).json().items.map((x: { id: string }) => x.id)).toContain(
      bc.id,
    );
    const handed = await clerk2.post(`/api/v1/bundle-cases/${bc.id}/hand-over`, {
      version: bc.version,
      recipientName: '周建华',
      method: 'window',
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().status).toBe('delivered');
    expect(handed.json().subCases.every((c: { status: string }) => c.status === 'delivered')).toBe(true);
    const again = await clerk2.post(`/api/v1/bundle-cases/${bc.id}/hand-over`, { version: handed.json().version, recipientName: '周建华' });
    expect(again.json().error.code).toBe('BUNDLE_NOT_READY');
    // A hand-over without the version the clerk saw is refused (optimistic versions on every change).
    const unversioned = await clerk2.post(`/api/v1/bundle-cases/${bc.id}/hand-over`, { recipientName: '周建华' });
    expect(unversioned.statusCode).toBe(400);
    const mine = (await citizen.get('/api/v1/bundle-cases')).json();
    expect(mine.items[0]).toMatchObject({ id: bc.id, status: 'delivered', subCaseCount: 5, doneCount: 5 });
  });

  it('身后一件事 at a comprehensive window: the clerk files for a walk-in applicant, every sub-case records the window; the clock is the longest limit', async () => {
    const clerk1 = await login(p.app, 'clerk1');
    const afterDeath = bundles.find((b) => b.key === 'afterDeath')!;
    const answers = { benefits: ['funeralFee', 'pension'] };
    const sel = (await clerk1.post(`/api/v1/bundles/${afterDeath.id}/evaluate`, { answers })).json();
    expect(sel.items.map((i: { name: string }) => i.name)).toEqual([
      '居民死亡医学证明（推断）书签发',
      '死亡注销户口',
      '遗体接运、火化服务',
      '基本殡葬服务费用减免',
      '城乡居民养老保险注销登记',
    ]);
    // Five 申请表 stay five (each item's own form); the relative's ID card is one.
    expect(sel.materials.filter((m: { key: string }) => m.key.endsWith('Application'))).toHaveLength(5);
    expect(sel.materials.find((m: { key: string }) => m.key === 'applicantId').items).toHaveLength(5);
    const applicant = {
      name: '李桂兰',
      idNumber: makeIdNumber({ regionCode: '610922', birthDate: '19600304', sequence: 42 }),
      phone: '13987654321',
    };
    const formData = fillForm(sel.form);
    const materials = await uploadMaterials(p, clerk1, sel.materials);
    const res = await clerk1.post(`/api/v1/bundles/${afterDeath.id}/cases`, { answers, formData, materials, applicant });
    expect(res.statusCode, res.body).toBe(201);
    const bc = res.json();
    expect(bc).toMatchObject({ channel: 'window', applicantName: '李**', status: 'submitted' });
    // 基本殡葬服务费用减免 promises 10 working days: Mon 11-23 + 10 → Mon 12-07.
    expect(bc.clock).toMatchObject({ promisedDays: 10, promisedDueOn: '2026-12-07' });
    const window01 = (await p.ctx.db.selectFrom('accounts').select('window_id').where('username', '=', 'clerk1').executeTakeFirstOrThrow())
      .window_id;
    const rows = await p.ctx.db.selectFrom('cases').select(['window_id', 'channel']).where('bundle_case_id', '=', bc.id).execute();
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.window_id === window01 && r.channel === 'window')).toBe(true);
    // The clerk handles the civil affairs sub-case on the spot (无差别受理 of another department's item).
    const cremation = bc.subCases.find((c: { itemName: string }) => c.itemName === '遗体接运、火化服务');
    expect((await act(clerk1, cremation, 'handle-immediately')).json().status).toBe('completed');

    // A clerk at a window that accepts only the police department cannot file the bundle: nothing is created.
    const police = (await clerk1.get('/api/v1/departments?regionCode=610922&pageSize=100'))
      .json()
      .items.find((d: { key: string }) => d.key === 'police');
    const admin = await login(p.app, 'admin1');
    const w2 = (await admin.get('/api/v1/halls?regionCode=610922&pageSize=1'))
      .json()
      .items[0].windows.find((w: { number: string }) => w.number === '02');
    expect(
      (await admin.put(`/api/v1/windows/${w2.id}/configuration`, { acceptsAll: false, departmentIds: [police.id], version: w2.version }))
        .statusCode,
    ).toBe(200);
    const narrow = await makeStaff(p, 'bundle_window2', 'serviceCenter', ['clerk'], { hall: true });
    expect((await admin.put(`/api/v1/windows/${w2.id}/clerks/${narrow.id}`)).statusCode).toBe(200);
    const seated = await login(p.app, 'bundle_window2', 'Staff#2026x');
    const before = await counts();
    const refused = await seated.post(`/api/v1/bundles/${afterDeath.id}/cases`, {
      answers,
      formData,
      materials: await uploadMaterials(p, seated, sel.materials),
      applicant,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'WINDOW_NOT_ACCEPTED',
      details: { windowId: w2.id, itemName: '居民死亡医学证明（推断）书签发' },
    });
    expect(await counts()).toEqual(before);
  });

  it('every seeded bundle resolves to published items, and saves materials, fields and steps', async () => {
    for (const b of bundles) {
      const d = (await citizen.get(`/api/v1/bundles/${b.id}`)).json();
      expect(d.full.items.length, b.name).toBe(d.itemCount);
      for (const k of ['materials', 'fields', 'steps', 'visits'] as const)
        expect(d.reduction.bundle[k], `${b.name} ${k}`).toBeLessThanOrEqual(d.reduction.itemByItem[k]);
      expect(d.reduction.percent.steps, b.name).toBeGreaterThan(0);
      expect(d.full.materials.every((m: { name: string }) => m.name.length >= 2)).toBe(true);
    }
  });

  it('二手房 and 水电气: a denied and a refused sub-case are shown at bundle level; the rest still completes; a repeated request is not filed twice', async () => {
    const home = bundles.find((b) => b.key === 'homeTransfer')!;
    const answers = { utilities: ['water', 'gas'] };
    const sel = (await citizen.post(`/api/v1/bundles/${home.id}/evaluate`, { answers })).json();
    expect(sel.items.map((i: { name: string }) => i.name)).toEqual([
      '不动产转移登记（国有建设用地使用权及房屋所有权）',
      '用水过户',
      '燃气过户',
    ]);
    const body = { answers, formData: fillForm(sel.form), materials: await uploadMaterials(p, citizen, sel.materials) };
    const before = await counts();
    const key = { 'Idempotency-Key': 'bundle-home-transfer-1' };
    const first = await citizen.post(`/api/v1/bundles/${home.id}/cases`, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await citizen.post(`/api/v1/bundles/${home.id}/cases`, body, key);
    expect(again.json().id).toBe(first.json().id);
    expect(await counts()).toEqual({ bundleCases: before.bundleCases + 1, cases: before.cases + 3 });
    const bc = first.json();
    expect(bc.clock.promisedDays).toBeGreaterThan(0);
    const sub = (name: string) => bc.subCases.find((c: { itemName: string }) => c.itemName === name);

    const clerk1 = await login(p.app, 'clerk1');
    const transfer = (
      await act(clerk1, (await act(clerk1, sub('不动产转移登记（国有建设用地使用权及房屋所有权）'), 'claim')).json(), 'accept')
    ).json();
    expect(transfer.status).toBe('accepted');
    const reviewer = await makeStaff(p, 'home_reviewer', 'realEstate', ['reviewer']);
    const approver = await makeStaff(p, 'home_approver', 'realEstate', ['approver']);
    const reviewed = (
      await act(reviewer.client, transfer, 'review', { opinion: 'deny', comment: '不动产权证书记载的权利人与转让方不一致' })
    ).json();
    const denied = (await act(approver.client, reviewed, 'decide', { decision: 'denied', reason: '转让方不是不动产权利人' })).json();
    expect(denied.decision).toBe('denied');
    expect((await act(approver.client, denied, 'complete')).json().status).toBe('completed');
    const water = await makeStaff(p, 'home_water', 'waterCompany', ['clerk']);
    expect((await act(water.client, sub('用水过户'), 'reject', { reason: '该用水户号已销户，无法过户' })).json().status).toBe('rejected');
    const gas = await makeStaff(p, 'home_gas', 'gasCompany', ['clerk']);
    expect((await act(gas.client, sub('燃气过户'), 'handle-immediately')).json().status).toBe('completed');

    const after = (await citizen.get(`/api/v1/bundle-cases/${bc.id}`)).json();
    expect(after.status).toBe('completed');
    expect(after.attention).toEqual([
      expect.objectContaining({
        itemName: '不动产转移登记（国有建设用地使用权及房屋所有权）',
        decision: 'denied',
        reason: '转让方不是不动产权利人',
      }),
      expect.objectContaining({ itemName: '用水过户', status: 'rejected', reason: '该用水户号已销户，无法过户' }),
    ]);
    expect(after.package.entries.map((e: { itemName: string; decision: string }) => [e.itemName, e.decision])).toEqual([
      ['不动产转移登记（国有建设用地使用权及房屋所有权）', 'denied'],
      ['燃气过户', 'approved'],
    ]);
  });

  it('a bundle case of another applicant is not found', async () => {
    const other = await makeCitizen(p.ctx);
    const oc = await login(p.app, other.username, other.password);
    const mine = (await citizen.get('/api/v1/bundle-cases')).json().items[0];
    const res = await oc.get(`/api/v1/bundle-cases/${mine.id}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('BUNDLE_CASE_NOT_FOUND');
  });
});
