import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, nationalCalendar, shanghaiDate } from '../../src/server/platform/calendar.ts';
import { legalMoves } from '../../src/server/modules/cases/workflow.ts';
import { activate, login, makeCitizen, type Client } from './client.ts';
import { companyForm, publishItem, upload } from './factories/case.ts';
import { startTestPlatform, testDb, type TestPlatform } from './platform.ts';

/**
 * Random sequences of actions by random actors on one case. After every step: a success moved the
 * case along a transition the law allows (the list below, written independently of workflow.ts) and
 * bumped its version by one; a case leaving 特别程序 or a suspension went back to the state it left;
 * a refusal (always a 4xx) left it exactly as it was; the clock never counted a suspended or
 * non-working day; the due date is never before acceptance.
 */
let p: TestPlatform;
let actors: Record<string, Client>;
let code: string;
let materials: Record<string, string>;
const cal = nationalCalendar();

/**
 * Which state may follow which, from 行政许可法 and the glossary — not from the code under test.
 *   申报 submitted: 签收 for 预审 (prereview), 受理 (Art. 32), 一次性告知补正 (correction), 不予受理 (rejected),
 *     即办 (completed, or issued with a license), 撤回 (withdrawn: the applicant may withdraw until the decision).
 *   补正 correction: the supplement returns it to 申报; 不予受理 or 撤回 remain possible.
 *   受理 accepted / 审查 review: the next 审查, 决定 (Art. 34, 37), 特别程序 (Art. 45: 听证、检验、鉴定…, the clock
 *     stops), 时限中止 (suspended: a 容缺 material overdue), 撤回. 特别程序 and 中止 end back where they began.
 *   决定 decided: 办结 (completed) or 制证 (issued); no withdrawal after the decision.
 *   办结 / 制证 / 送达: 送达 (delivered, 统一出件), or 撤销 (revoked) when the post-approval check fails (Art. 69).
 *   待前置 waiting (一件事: a sub-case that needs another sub-case's result): 申报 once that result exists, or 撤回
 *     (by the applicant, or because the prerequisite ended without a result); nothing else touches it. 会签 keeps a case
 *     in 审查.
 *   不予受理, 撤回, 撤销 are final. Any non-final state may stay where it is (签收, 转办, 延期, 承诺, 核查 change the case, not its state).
 */
const LAW: Record<string, string[]> = {
  draft: ['draft', 'submitted', 'withdrawn'],
  waiting: ['submitted', 'withdrawn'],
  submitted: ['submitted', 'prereview', 'accepted', 'correction', 'rejected', 'withdrawn', 'completed', 'issued'],
  prereview: ['prereview', 'accepted', 'correction', 'rejected', 'withdrawn', 'completed', 'issued'],
  correction: ['correction', 'submitted', 'rejected', 'withdrawn'],
  accepted: ['accepted', 'review', 'decided', 'special', 'suspended', 'withdrawn'],
  review: ['review', 'decided', 'special', 'suspended', 'withdrawn'],
  special: ['special', 'accepted', 'review', 'withdrawn'],
  suspended: ['suspended', 'accepted', 'review', 'withdrawn'],
  decided: ['decided', 'completed', 'issued'],
  completed: ['completed', 'delivered', 'revoked'],
  issued: ['issued', 'delivered', 'revoked'],
  delivered: ['delivered', 'revoked'],
  rejected: [],
  withdrawn: [],
  revoked: [],
};
const lawful = (from: string, to: string) => (LAW[from] ?? []).includes(to);
const paused = new Set(['special', 'suspended']);

type Detail = {
  id: string;
  status: string;
  version: number;
  acceptedOn: string | null;
  notices: { items: { requirementKey: string }[]; supplementedAt: string | null }[];
  clock: { startedOn: string; promisedDueOn: string; legalDueOn: string; usedDays: number; stopped: boolean } | null;
  suspensions: { startedOn: string; endedOn: string | null }[];
  commitments: { id: string; kind: string; status: string; subjectKey: string }[];
  timeline: { action: string; at: string }[];
};

const actions = [
  'claim',
  'accept',
  'acceptDeferring',
  'notice',
  'supplement',
  'reject',
  'review',
  'decideApprove',
  'decideDeny',
  'complete',
  'startSpecial',
  'endSpecial',
  'extension',
  'extensionApprove',
  'withdraw',
  'supply',
  'immediately',
] as const;
type ActionName = (typeof actions)[number];

function request(action: ActionName, d: Detail): { path: string; body: Record<string, unknown> } {
  const open = d.notices.filter((n) => !n.supplementedAt).at(-1);
  switch (action) {
    case 'accept':
      return { path: 'accept', body: {} };
    case 'acceptDeferring':
      return { path: 'accept', body: { deferred: [{ requirementKey: 'articles' }], supplyWithinDays: 2, signedOnSite: true } };
    case 'notice':
      return { path: 'deficiency-notice', body: { items: [{ requirementKey: 'idCard', problem: 'wrong', note: '复印件不清晰' }] } };
    case 'supplement':
      return {
        path: 'supplement',
        body: {
          materials: (open?.items ?? [{ requirementKey: 'idCard' }]).map((i) => ({
            requirementKey: i.requirementKey,
            materialId: materials[i.requirementKey],
          })),
        },
      };
    case 'reject':
      return { path: 'reject', body: { reason: '不属于本机关职权范围' } };
    case 'review':
      return { path: 'review', body: { opinion: 'approve', comment: '同意' } };
    case 'decideApprove':
      return { path: 'decide', body: { decision: 'approved' } };
    case 'decideDeny':
      return { path: 'decide', body: { decision: 'denied', reason: '不符合法定条件' } };
    case 'startSpecial':
      return { path: 'special-procedure', body: { kind: 'appraisal', reason: '委托第三方鉴定' } };
    case 'endSpecial':
      return { path: 'special-procedure/end', body: {} };
    case 'extension':
      return { path: 'extension', body: { reason: '情况复杂需要延期' } };
    case 'extensionApprove':
      return { path: 'extension/decide', body: { approve: true } };
    case 'supply':
      return { path: 'supply', body: { requirementKey: 'articles', materialId: materials.articles } };
    case 'immediately':
      return { path: 'handle-immediately', body: {} };
    default:
      return { path: action, body: {} };
  }
}

/** The clock, counted independently: working days after acceptance, up to today or the decision, outside every suspension. */
function expectedUsed(d: Detail, today: string, decidedOn: string | null): number {
  if (!d.acceptedOn) return 0;
  const end = decidedOn && decidedOn < today ? decidedOn : today;
  let used = 0;
  for (let day = addCalendarDays(d.acceptedOn, 1); day <= end; day = addCalendarDays(day, 1)) {
    const suspended = d.suspensions.some((s) => s.startedOn < day && day <= (s.endedOn ?? today));
    if (cal.isWorkingDay(day) && !suspended) used++;
  }
  return used;
}

beforeAll(async () => {
  p = await startTestPlatform();
  const c = await makeCitizen(p.ctx);
  const stranger = await makeCitizen(p.ctx);
  const sec = await login(p.app, 'secadmin1');
  const market = (await sec.get('/api/v1/departments?regionCode=610922&pageSize=100'))
    .json()
    .items.find((x: { key: string }) => x.key === 'market');
  const created = await sec.post('/api/v1/staff', {
    username: 'prop_dual',
    displayName: '双岗',
    departmentId: market.id,
    roles: ['reviewer', 'approver'],
  });
  await activate(p.app, 'prop_dual', created.json().activation.code, 'Staff#2026x', p.ctx.now());
  await p.ctx.db.updateTable('accounts').set({ totp_required: false }).where('username', '=', 'prop_dual').execute();
  actors = {
    applicant: await login(p.app, c.username, c.password),
    stranger: await login(p.app, stranger.username, stranger.password),
    clerk: await login(p.app, 'clerk1'),
    reviewer: await login(p.app, 'reviewer1'),
    approver: await login(p.app, 'approver1'),
    dual: await login(p.app, 'prop_dual', 'Staff#2026x'),
    supervisor: await login(p.app, 'supervisor1'),
  };
  code = (await publishItem(p, { promisedLimit: { value: 5, unit: 'workday' }, legalLimit: { value: 20, unit: 'workday' } })).code;
  materials = {};
  for (const k of ['application', 'articles', 'idCard']) materials[k] = await upload(p, actors.applicant, `${k}.pdf`);
});
afterAll(async () => {
  await p?.close();
});

describe(`case state machine under random actions (${testDb})`, () => {
  it('only legal transitions; refusals change nothing; the clock never counts a suspended day', async () => {
    const seen = new Set<string>();
    // Mostly the actor whose step it could be, sometimes anyone: both the paths and the refusals get exercised.
    const likely: [string, ActionName][] = [
      ['clerk', 'claim'],
      ['clerk', 'accept'],
      ['clerk', 'acceptDeferring'],
      ['clerk', 'notice'],
      ['clerk', 'reject'],
      ['applicant', 'supplement'],
      ['reviewer', 'review'],
      ['dual', 'review'],
      ['approver', 'decideApprove'],
      ['dual', 'decideDeny'],
      ['approver', 'complete'],
      ['reviewer', 'startSpecial'],
      ['reviewer', 'endSpecial'],
      ['reviewer', 'extension'],
      ['approver', 'extensionApprove'],
      ['applicant', 'withdraw'],
      ['applicant', 'supply'],
    ];
    const pair = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...likely) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...Object.keys(actors)), fc.constantFrom(...actions)) },
    );
    const step = fc
      .record({ pair, days: fc.integer({ min: 0, max: 3 }), stale: fc.integer({ min: 0, max: 12 }).map((n) => n === 0) })
      .map(({ pair: [actor, action], days, stale }) => ({ actor, action, days, stale }));
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 330 }),
        fc.boolean(),
        fc.constantFrom('none', 'accepted', 'decided'),
        fc.array(step, { minLength: 10, maxLength: 24 }),
        async (startOffset, omitArticles, scripted, randomSteps) => {
          // Some runs start with the ordinary path so that later random steps meet every state.
          const path: [string, ActionName][] =
            scripted === 'none'
              ? []
              : [
                  ...(omitArticles
                    ? ([
                        ['clerk', 'acceptDeferring'],
                        ['applicant', 'supply'],
                      ] as [string, ActionName][])
                    : ([['clerk', 'accept']] as [string, ActionName][])),
                  ...(scripted === 'decided'
                    ? ([
                        ['reviewer', 'review'],
                        ['approver', 'decideApprove'],
                      ] as [string, ActionName][])
                    : []),
                ];
          const steps = [...path.map(([actor, action]) => ({ actor, action, days: 1, stale: false })), ...randomSteps];
          p.clock.set(`${addCalendarDays('2026-01-05', startOffset)}T02:00:00Z`);
          const keys = ['application', 'articles', 'idCard'].filter((k) => !(omitArticles && k === 'articles'));
          const created = await actors.applicant.post('/api/v1/cases', {
            itemCode: code,
            situationKey: 'limitedCompany',
            formData: companyForm,
            materials: keys.map((k) => ({ requirementKey: k, materialId: materials[k] })),
          });
          expect(created.statusCode, created.body).toBe(201);
          let d: Detail = created.json();
          let decidedOn: string | null = null;
          // The state a case was in when 特别程序 or a suspension began: it returns there.
          let resumeTo: string | null = null;
          for (const s of steps) {
            p.clock.advanceDays(s.days);
            const { path, body } = request(s.action, d);
            const res = await actors[s.actor].post(`/api/v1/cases/${d.id}/${path}`, {
              version: s.stale ? d.version - 1 : d.version,
              ...body,
            });
            expect(res.statusCode, `${s.actor} ${s.action}: ${res.body}`).toBeLessThan(500);
            const after: Detail & { decision: string | null } = (await actors.supervisor.get(`/api/v1/cases/${d.id}`)).json();
            if (res.statusCode < 300) {
              expect(lawful(d.status, after.status), `${d.status} → ${after.status} by ${s.action}`).toBe(true);
              if (!paused.has(d.status) && paused.has(after.status)) resumeTo = d.status;
              if (paused.has(d.status) && !paused.has(after.status) && after.status !== 'withdrawn') {
                expect(after.status, `${d.status} ended by ${s.action}`).toBe(resumeTo);
              }
              expect(after.version).toBe(d.version + 1);
              seen.add(`${d.status}>${after.status}`);
              if (s.stale) throw new Error('a stale version was accepted');
            } else {
              expect(res.statusCode).toBeGreaterThanOrEqual(400);
              expect({ status: after.status, version: after.version }).toEqual({ status: d.status, version: d.version });
            }
            if (after.decision && !decidedOn) decidedOn = shanghaiDate(p.ctx.now());
            if (after.clock && after.acceptedOn) {
              expect(after.clock.promisedDueOn >= after.acceptedOn).toBe(true);
              expect(after.clock.legalDueOn >= after.clock.promisedDueOn).toBe(true);
              expect(after.clock.usedDays).toBe(expectedUsed(after, shanghaiDate(p.ctx.now()), decidedOn));
            }
            d = after;
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40), seed: Number(process.env.PROPERTY_SEED ?? 20261123), endOnFailure: true },
    );
    if (process.env.PROPERTY_LOG) console.log([...seen].sort().join(' '));
    // The runs must have exercised the machine, not only been refused.
    for (const move of [
      'submitted>prereview',
      'prereview>accepted',
      'submitted>correction',
      'accepted>review',
      'review>decided',
      'accepted>special',
      'special>accepted',
    ]) {
      expect(seen.has(move) || [...seen].some((m) => m.endsWith(move.split('>')[1])), move).toBe(true);
    }
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  it("the state table of workflow.ts allows exactly the law's transitions, no more and no fewer", () => {
    const law = new Set(Object.entries(LAW).flatMap(([from, tos]) => tos.map((to) => `${from}>${to}`)));
    const table = legalMoves();
    expect({ onlyInTable: [...table].filter((m) => !law.has(m)).sort(), onlyInLaw: [...law].filter((m) => !table.has(m)).sort() }).toEqual({
      onlyInTable: [],
      onlyInLaw: [],
    });
  });
});
