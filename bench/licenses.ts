/**
 * `npm run bench -- licenses`: electronic licenses issued per second on one node, with its parts,
 * against baselines measured in the same run:
 *   - completing a decided case whose result is a document (no license) through POST …/complete;
 *   - completing a decided case whose result is a 营业执照: the same plus the license identifier,
 *     the PDF (Chinese text, seal, QR code), its SM3, the GB/T 38540 SES_Signature, file store and rows;
 *   - the parts alone: rendering the PDF, and signing (SM3 + SM2 over DER(TBS_Sign)).
 * Runs on PGlite and on PostgreSQL (BENCH_DATABASE_URL, TEST_DATABASE_URL or 127.0.0.1:5432).
 */
import { sm3Hex } from '../src/server/platform/crypto.ts';
import { signDocument } from '../src/server/platform/ses.ts';
import { renderLicensePdf } from '../src/server/modules/licenses/license-pdf.ts';
import { ensureDepartmentSeal, sealPrivateKey } from '../src/server/modules/licenses/seal-service.ts';
import { login, makeCitizen } from '../test/api/client.ts';
import { act, makeCase, publishItem } from '../test/api/factories/case.ts';
import type { TestPlatform } from '../test/api/platform.ts';
import { onEachDatabase, writeReport } from './support.ts';

const N = Number(process.env.BENCH_N ?? 60);

async function time(label: string, n: number, fn: (i: number) => Promise<unknown>) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  const ms = (performance.now() - t0) / n;
  return { label, n, msPerOp: ms, perSecond: 1000 / ms };
}

async function benchOn(p: TestPlatform) {
  const c = await makeCitizen(p.ctx, { name: '压测用户' });
  const citizen = await login(p.app, c.username, c.password);
  const [clerk, reviewer, approver] = await Promise.all(['clerk1', 'reviewer1', 'approver1'].map((u) => login(p.app, u)));
  const withLicense = (await publishItem(p, { result: { name: '营业执照', type: 'license', licenseType: '营业执照' } })).code;
  const withDocument = (await publishItem(p, { result: { name: '准予登记通知书', type: 'document' } })).code;
  const decided = async (code: string) => {
    let x = await makeCase(p, citizen, code);
    x = (await act(clerk, x, 'accept')).json();
    x = (await act(reviewer, x, 'review', { opinion: 'approve', comment: '同意' })).json();
    return (await act(approver, x, 'decide', { decision: 'approved' })).json();
  };
  const docs: { id: string; version: number }[] = [];
  const lics: { id: string; version: number }[] = [];
  for (let i = 0; i < N + 3; i++) docs.push(await decided(withDocument));
  for (let i = 0; i < N + 3; i++) lics.push(await decided(withLicense));
  const complete = async (x: { id: string; version: number }, want: string) => {
    const r = await act(approver, x, 'complete');
    if (r.statusCode !== 200 || r.json().status !== want) throw new Error(`complete ${r.statusCode} ${r.body.slice(0, 200)}`);
  };
  for (let i = 0; i < 3; i++) {
    await complete(docs.pop()!, 'completed');
    await complete(lics.pop()!, 'issued');
  }
  const base = await time('baseline: complete a case (document result)', N, (i) => complete(docs[i], 'completed'));
  const issue = await time('complete + issue a license (render, sign, store)', N, (i) => complete(lics[i], 'issued'));
  const fields = [
    { label: '名称', value: '石泉县测试商贸有限公司' },
    { label: '统一社会信用代码', value: '91610922609220011Y' },
    { label: '经营范围', value: '日用百货销售' },
  ];
  const render = await time('part: render the license PDF', N, (i) =>
    renderLicensePdf({
      typeName: '营业执照',
      identifier: `1.2.156.3005.2.X.${i}`,
      issuerName: '石泉县市场监督管理局',
      issuedOn: '2026-11-24',
      validFrom: '2026-11-24',
      validUntil: null,
      fields,
      verifyUrl: `http://localhost:3000/verify/${i}?code=ABCDE-FGHJK`,
      verifyCode: 'ABCDE-FGHJK',
    }),
  );
  const market = await p.ctx.db
    .selectFrom('departments')
    .select('id')
    .where('region_code', '=', '610922')
    .where('key', '=', 'market')
    .executeTakeFirstOrThrow();
  const seal = await ensureDepartmentSeal(p.ctx, p.ctx.db, market.id);
  const pdf = await renderLicensePdf({
    typeName: '营业执照',
    identifier: 'x',
    issuerName: '石泉县市场监督管理局',
    issuedOn: '2026-11-24',
    validFrom: '2026-11-24',
    validUntil: null,
    fields,
    verifyUrl: 'http://localhost:3000/verify/x?code=ABCDE-FGHJK',
    verifyCode: 'ABCDE-FGHJK',
  });
  const priv = sealPrivateKey(p.ctx, seal);
  const sign = await time('part: SM3 + GB/T 38540 signature', N, async () =>
    signDocument({
      documentHash: Buffer.from(sm3Hex(pdf), 'hex'),
      sealDer: Buffer.from(seal.seal_der, 'base64'),
      signerCertDer: Buffer.from(seal.cert_der, 'base64'),
      signerPrivateKeyHex: priv,
      time: new Date(),
      propertyInfo: 'x',
    }),
  );
  return [
    { ...base, ratio: 1 },
    { ...issue, ratio: issue.msPerOp / base.msPerOp },
    { ...render, ratio: render.msPerOp / base.msPerOp },
    { ...sign, ratio: sign.msPerOp / base.msPerOp },
  ];
}

const report: Record<string, unknown> = { date: new Date().toISOString(), n: N, node: process.version };
await onEachDatabase(async (p, target) => {
  const rows = await benchOn(p);
  report[target] = rows;
  console.log(`\n${target} (${N} operations each, sequential)`);
  for (const r of rows)
    console.log(
      `  ${r.label.padEnd(50)} ${r.msPerOp.toFixed(1).padStart(7)} ms/op ${r.perSecond.toFixed(1).padStart(7)}/s   ×${r.ratio.toFixed(2)} of the baseline`,
    );
});
writeReport('licenses', report);
