import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, makeCitizen, type Client } from './client.ts';
import { fillForm, uploadMaterials } from './factories/bundle.ts';
import { publishItem } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Every message a user reads comes in the request's language (issue 25.11): the error's message and each
 * field problem's, with a stable `reason` beside it; never "中文 / English" in one string.
 */

let p: TestPlatform;
let citizen: Client;
let code: string;

const zh = { 'accept-language': 'zh-CN,zh;q=0.9' };
const en = { 'accept-language': 'en-US,en;q=0.9' };
const mixed = /\p{Script=Han}[\p{P}\s]*\s\/\s+[A-Za-z]|[A-Za-z][\p{P}\s]*\s\/\s+\p{Script=Han}/u;

const form = [
  { key: 'shopName', label: '店铺名称', type: 'text', required: true, maxLength: 20 },
  { key: 'ownerId', label: '经营者身份证号', type: 'idNumber', required: true },
  { key: 'mobile', label: '联系电话', type: 'phone', required: true },
  { key: 'creditCode', label: '统一社会信用代码', type: 'creditCode', required: false },
  { key: 'area', label: '经营面积（平方米）', type: 'number', required: true, min: 1, max: 500 },
  { key: 'shape', label: '组织形式', type: 'select', required: true, options: ['个体工商户', '个人独资企业'] },
  { key: 'opening', label: '开业日期', type: 'date', required: false },
  { key: 'place', label: '经营场所区划', type: 'region', required: false },
];
const badForm = {
  shopName: '',
  ownerId: '11010519491231002x',
  mobile: '12800138000',
  creditCode: '91350200776049653B',
  area: 0,
  shape: '合伙企业',
  opening: '2026-02-30',
  place: '6109',
  colour: '红',
};

const countCases = async () =>
  Number(
    (
      await p.ctx.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  p = await startTestPlatform();
  const a = await makeCitizen(p.ctx);
  citizen = await login(p.app, a.username, a.password);
  code = (await publishItem(p, { form: form as never })).code;
});
afterAll(async () => {
  await p?.close();
});

describe(`messages in the reader's language (${testDb})`, () => {
  it('an invalid application form: CASE_FORM_INVALID and every field problem in zh-CN, then in en; nothing is created', async () => {
    const before = await countCases();
    const body = { itemCode: code, situationKey: 'limitedCompany', formData: badForm };
    const inZh = await citizen.post('/api/v1/cases', body, zh);
    expect(inZh.statusCode).toBe(400);
    expect(inZh.json().error.code).toBe('CASE_FORM_INVALID');
    expect(inZh.json().error.message).toBe('申请表填写有误，请按提示修改');
    expect(inZh.json().error.details.errors).toEqual([
      { field: 'shopName', reason: 'required', message: '此项为必填项' },
      { field: 'ownerId', reason: 'idNumberInvalid', message: '身份证号码不正确' },
      { field: 'mobile', reason: 'phoneInvalid', message: '手机号码不正确' },
      { field: 'creditCode', reason: 'creditCodeInvalid', message: '统一社会信用代码不正确' },
      { field: 'area', reason: 'tooSmall', message: '不能小于 1' },
      { field: 'shape', reason: 'notAnOption', message: '请从以下选项中选择：个体工商户、个人独资企业' },
      { field: 'opening', reason: 'invalidDate', message: '日期应为“年-月-日”格式，如 2026-01-31' },
      { field: 'place', reason: 'regionCodeInvalid', message: '行政区划代码不正确' },
      { field: 'colour', reason: 'unknownField', message: '不接受此字段' },
    ]);

    const inEn = await citizen.post('/api/v1/cases', body, en);
    expect(inEn.json().error.message).toBe('The application form has errors; see the fields listed');
    expect(inEn.json().error.details.errors).toEqual([
      { field: 'shopName', reason: 'required', message: 'This field is required' },
      { field: 'ownerId', reason: 'idNumberInvalid', message: 'The ID card number is not valid' },
      { field: 'mobile', reason: 'phoneInvalid', message: 'The mobile phone number is not valid' },
      { field: 'creditCode', reason: 'creditCodeInvalid', message: 'The unified social credit code is not valid' },
      { field: 'area', reason: 'tooSmall', message: 'Must be at least 1' },
      { field: 'shape', reason: 'notAnOption', message: 'Choose one of: 个体工商户, 个人独资企业' },
      { field: 'opening', reason: 'invalidDate', message: 'Must be a date such as 2026-01-31' },
      { field: 'place', reason: 'regionCodeInvalid', message: 'The region code is not valid' },
      { field: 'colour', reason: 'unknownField', message: 'This field is not accepted' },
    ]);
    for (const res of [inZh, inEn]) expect(res.body).not.toMatch(mixed);
    expect(await countCases()).toBe(before);
  });

  it('the form check the apply page calls (…/form/validate) answers the same problems in the request language', async () => {
    const url = `/api/v1/items/${code}/form/validate`;
    const inZh = (await citizen.post(url, { data: { ...badForm, colour: undefined, area: 501 } }, zh)).json();
    expect(inZh.valid).toBe(false);
    expect(inZh.errors.find((e: { field: string }) => e.field === 'area')).toEqual({
      field: 'area',
      reason: 'tooBig',
      message: '不能大于 500',
    });
    const inEn = (await citizen.post(url, { data: { ...badForm, colour: undefined, area: 501 } }, en)).json();
    expect(inEn.errors.find((e: { field: string }) => e.field === 'area')).toEqual({
      field: 'area',
      reason: 'tooBig',
      message: 'Must be at most 500',
    });
    expect(inEn.errors.find((e: { field: string }) => e.field === 'ownerId').message).toBe('The ID card number is not valid');
  });

  it('schema validation at the edge (VALIDATION_FAILED): each field with its reason in the request language', async () => {
    const body = { username: 'a!', password: 'x', name: '张3', idNumber: '1', phone: '1', smsCode: '12' };
    const inZh = await p.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: body, headers: zh });
    expect(inZh.statusCode).toBe(400);
    expect(inZh.json().error).toEqual({
      code: 'VALIDATION_FAILED',
      message: '提交的内容不符合要求，请检查标出的字段',
      details: {
        fields: [
          { field: 'body.username', reason: 'usernameInvalid', message: '用户名为 3–64 位字母、数字或 _ . @ -' },
          { field: 'body.name', reason: 'personNameInvalid', message: '请填写与身份证一致的姓名' },
          { field: 'body.smsCode', reason: 'invalidFormat', message: '格式不正确' },
        ],
      },
    });
    const inEn = await p.app.inject({ method: 'POST', url: '/api/v1/auth/register', payload: { ...body, extra: 1 }, headers: en });
    expect(inEn.json().error).toEqual({
      code: 'UNKNOWN_FIELD',
      message: 'The request contains unknown fields',
      details: { fields: [{ field: 'body', reason: 'unknownField', message: 'This field is not accepted', keys: ['extra'] }] },
    });
    const missing = await p.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { password: 'x' }, headers: en });
    expect(missing.json().error.details.fields).toEqual([
      { field: 'body.username', reason: 'required', message: 'This field is required' },
    ]);
  });

  it('a bundle’s merged form (BUNDLE_FORM_INVALID): the field, its reason and message, and the items asking it', async () => {
    const bundles = (await citizen.get('/api/v1/bundles?regionCode=610922')).json().items;
    const startup = bundles.find((b: { key: string }) => b.key === 'businessStartup');
    const answers = { companyType: 'llc', needs: ['license', 'seal', 'invoice', 'social', 'fund'] };
    const sel = (await citizen.post(`/api/v1/bundles/${startup.id}/evaluate`, { answers })).json();
    const { shop: _shop, ...formData } = fillForm(sel.form);
    const materials = await uploadMaterials(p, citizen, sel.materials);
    const body = { answers, formData, materials };
    const inZh = (await citizen.post(`/api/v1/bundles/${startup.id}/cases`, body, zh)).json().error;
    expect(inZh.code).toBe('BUNDLE_FORM_INVALID');
    expect(inZh.message).toBe('合并申请表填写有误，请按提示修改');
    expect(inZh.details.errors).toEqual([{ field: 'shop', reason: 'required', message: '此项为必填项', items: ['公章刻制备案'] }]);
    const inEn = (await citizen.post(`/api/v1/bundles/${startup.id}/cases`, body, en)).json().error;
    expect(inEn.message).toBe('The merged form has errors; see the fields listed');
    expect(inEn.details.errors).toEqual([
      { field: 'shop', reason: 'required', message: 'This field is required', items: ['公章刻制备案'] },
    ]);
  });
});
