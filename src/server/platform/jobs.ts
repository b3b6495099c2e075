import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { DB } from './db-types.ts';

/**
 * The job queue: pg-boss, a Postgres-backed queue that works over PGlite and PostgreSQL alike
 * (polling, SKIP LOCKED; see ../shared/reference/PROBES.md). Every side effect outside the
 * database (SMS, later e-mail, webhooks, reports) and every timer goes through it.
 */
export type JobDefinitions = {
  /** Deliver an SMS through the configured sink. `phoneEnc` is field-encrypted. */
  'sms.send': { phoneEnc: string; body: string; purpose: string };
  /** Delete audit events past the retention period (daily). */
  'audit.prune': Record<string, never>;
  /** The deadline sweep: deemed acceptance, 容缺 reminders and suspensions, yellow/red warnings. */
  'cases.sweep': Record<string, never>;
  /** The bad-rating sweep: overdue callbacks, rectifications near or past their deadline, overdue 督办函. */
  'evaluations.sweep': Record<string, never>;
  /** Event of the cases module: a case has just completed (办结, 制证 or 送达); evaluations invites a rating. */
  'case.completed': { caseId: string };
  /** Event of the cases module: a case has ended without a result (不予受理, 撤回, 撤销); bundles lets waiting sub-cases lapse. */
  'case.closed': { caseId: string };
  /** Writes a report's PDF and Excel (考核通报). */
  'reports.generate': { reportId: string };
  /** Daily: queues yesterday's, last week's and last month's reports of every supervised region (once each). */
  'reports.schedule': Record<string, never>;
  /** The working calendar changed (an override or a holiday notice): what is derived from it is refreshed (supervision's working days). */
  'calendar.changed': Record<string, never>;
  /** Daily in December: tells the system admins, once per year and region, that next year's holiday notice is not entered. */
  'calendar.remind': Record<string, never>;
  /** 网上预约: the SMS reminder the day before an appointment (sent only if it is still booked for that day). */
  'hall.remind': { appointmentId: string; date: string };
  /** Test and benchmark probe: records that it ran. */
  'system.probe': { marker: string };
};
export type JobName = keyof JobDefinitions;
export type JobHandler<N extends JobName> = (data: JobDefinitions[N], meta: { id: string; name: N }) => Promise<void>;
export type JobHandlers = { [N in JobName]?: JobHandler<N> };

export const jobNames: JobName[] = [
  'sms.send',
  'audit.prune',
  'cases.sweep',
  'system.probe',
  'evaluations.sweep',
  'case.completed',
  'case.closed',
  'reports.generate',
  'reports.schedule',
  'calendar.changed',
  'calendar.remind',
  'hall.remind',
];

/** Cron schedules (Asia/Shanghai) for recurring jobs. */
const schedules: Partial<Record<JobName, string>> = {
  'audit.prune': '17 3 * * *',
  'cases.sweep': '*/5 * * * *',
  'evaluations.sweep': '*/5 * * * *',
  'reports.schedule': '10 1 * * *',
  'calendar.remind': '0 9 * 12 *',
};

export type Jobs = {
  /** Enqueue inside the caller's transaction (outbox): the job exists only if the change commits. */
  enqueue<N extends JobName>(
    trx: Kysely<DB>,
    name: N,
    data: JobDefinitions[N],
    opts?: { startAfter?: Date; singletonKey?: string },
  ): Promise<string | null>;
  /**
   * The statement `enqueue` would send, not sent: a caller folds it into a larger statement (a case step's
   * writes as one statement, platform/batch.ts). It commits or rolls back with that statement's transaction.
   */
  compileEnqueue<N extends JobName>(
    name: N,
    data: JobDefinitions[N],
    opts?: { startAfter?: Date; singletonKey?: string },
  ): Promise<CompiledQuery>;
  /** Start workers for the given handlers. */
  work(handlers: JobHandlers): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
};

function executorFor(trx: Kysely<DB>): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const res = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: res.rows as unknown[] as object[] };
    },
  };
}

/**
 * Connects the queue (creating its schema on first use) and its queues: with its own pool of 3
 * connections on PostgreSQL, or through `sharedPool` (the embedded database's one connection).
 */
export async function startJobs(url: string, log: Logger, opts: { schedule?: boolean; sharedPool?: pg.Pool } = {}): Promise<Jobs> {
  const shared = opts.sharedPool;
  const connection: PgBoss.ConstructorOptions = shared
    ? { db: { executeSql: (text, values) => shared.query(text, values) as Promise<{ rows: object[] }> } }
    : { connectionString: url, max: 3 };
  const boss = new PgBoss({ ...connection, schedule: opts.schedule ?? true, supervise: true });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  await boss.start();
  for (const name of jobNames) await boss.createQueue(name, { name, retryLimit: 5, retryDelay: 5, retryBackoff: true });
  if (opts.schedule ?? true) {
    for (const [name, cron] of Object.entries(schedules)) await boss.schedule(name, cron, {}, { tz: 'Asia/Shanghai' });
  }
  return {
    boss,
    async enqueue(trx, name, data, o = {}) {
      return boss.send(name, data as object, { ...o, db: executorFor(trx) });
    },
    async compileEnqueue(name, data, o = {}) {
      const sent: CompiledQuery[] = [];
      await boss.send(name, data as object, {
        ...o,
        db: {
          async executeSql(text, values) {
            sent.push(CompiledQuery.raw(text, values));
            return { rows: [{ id: null }] };
          },
        },
      });
      if (sent.length !== 1) throw new Error(`pg-boss sent ${sent.length} statements for one job`);
      return sent[0];
    },
    async work(handlers) {
      for (const name of jobNames) {
        const handler = handlers[name] as JobHandler<typeof name> | undefined;
        if (!handler) continue;
        await boss.work<JobDefinitions[typeof name]>(name, { pollingIntervalSeconds: 0.5, batchSize: 1 }, async (jobs) => {
          for (const job of jobs) {
            try {
              await handler(job.data as never, { id: job.id, name });
            } catch (err) {
              log.error({ err, job: job.id, name }, 'job failed');
              throw err;
            }
          }
        });
      }
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/**
 * True for a rejection that pg-boss 10 leaves unhandled: its worker records a job's completion or
 * failure without awaiting it, so a database that goes away at that moment (a PostgreSQL restart)
 * rejects a promise nobody holds, and Node would exit. The job stays active and is retried after it
 * expires (every handler here is idempotent), so the node logs it and keeps serving.
 */
export function isJobQueueRejection(reason: unknown): boolean {
  const stack = reason instanceof Error ? (reason.stack ?? '') : '';
  return /[\\/]node_modules[\\/]pg-boss[\\/]/.test(stack);
}
