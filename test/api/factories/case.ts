import { expect } from 'vitest';
import type { GuideInput } from '../../../src/server/modules/catalog/guide-schema.ts';
import { login, type Client } from '../client.ts';
import type { TestPlatform } from '../platform.ts';
import { makeGuide } from './guide.ts';
import { multipartFile } from './multipart.ts';

/** A small valid PDF (content sniffing sees %PDF). */
export function pdfBytes(text = 'tongban test material'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}

/** Factory: a published item of 石泉县市场监督管理局 (created by admin1 for the market department). */
export async function publishItem(p: TestPlatform, over: Partial<GuideInput> = {}): Promise<{ code: string; guide: GuideInput }> {
  const admin = await login(p.app, 'admin1');
  const market = (await admin.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((d: { key: string }) => d.key === 'market');
  const guide = makeGuide(over);
  const created = await admin.post('/api/v1/items', { departmentId: market.id, guide });
  expect(created.statusCode, created.body).toBe(201);
  const code = created.json().implementationCode;
  expect((await admin.post(`/api/v1/items/${code}/submit`)).statusCode).toBe(200);
  expect((await admin.post(`/api/v1/items/${code}/publish`)).statusCode).toBe(200);
  return { code, guide };
}

/** Uploads a material and returns its id. */
export async function upload(p: TestPlatform, client: Client, filename = 'material.pdf', bytes = pdfBytes()): Promise<string> {
  const { payload, headers } = multipartFile(filename, bytes);
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/v1/materials',
    payload,
    headers: { ...headers, authorization: `Bearer ${client.token}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export const companyForm = {
  companyName: '石泉县测试商贸有限公司',
  legalRep: '张三',
  capital: 100,
  domicile: '石泉县城关镇江南路8号',
  businessScope: '日用百货、茶叶零售',
};

/** Factory: a submitted case of the limitedCompany situation with all three materials (or those named). */
export async function makeCase(
  p: TestPlatform,
  applicant: Client,
  code: string,
  opts: { omit?: string[]; conditionCommitments?: string[]; submit?: boolean; formData?: Record<string, unknown> } = {},
) {
  const keys = ['application', 'articles', 'idCard'].filter((k) => !opts.omit?.includes(k));
  const materials = [];
  for (const k of keys) materials.push({ requirementKey: k, materialId: await upload(p, applicant, `${k}.pdf`) });
  const res = await applicant.post('/api/v1/cases', {
    itemCode: code,
    situationKey: 'limitedCompany',
    formData: { ...companyForm, ...opts.formData },
    materials,
    conditionCommitments: opts.conditionCommitments ?? [],
    submit: opts.submit ?? true,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Posts a case action with the version from `c`, returning the response. */
export function act(client: Client, c: { id: string; version: number }, action: string, body: Record<string, unknown> = {}) {
  return client.post(`/api/v1/cases/${c.id}/${action}`, { version: c.version, ...body });
}
