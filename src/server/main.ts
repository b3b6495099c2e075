import { buildApp } from './app.ts';
import { sealAllAuditEvents } from './platform/audit.ts';
import { parseCheckpointLines, pruneAuditEvents, verifyAuditLog, writeAuditCheckpoint } from './platform/audit-checkpoints.ts';
import { demoBindingProblem, loadConfig } from './platform/config.ts';
import { checkPassword } from '../shared/password-policy.ts';
import { pruneIdempotencyKeys } from './platform/idempotency.ts';
import { isJobQueueRejection } from './platform/jobs.ts';
import { createLogger } from './platform/logger.ts';
import { openRuntime } from './platform/runtime.ts';
import { seedDemoCases } from '../../seed/demo-cases.ts';
import { seedHistory } from '../../seed/history.ts';
import { sweepCases } from './modules/cases/index.ts';
import { sweepEvaluations } from './modules/evaluations/index.ts';
import { caseEventHandlers } from './events.ts';
import { generateReport, scheduleReports } from './modules/reports/index.ts';
import { ensureLicenseTypes } from './modules/licenses/index.ts';
import { smsSinkHandler } from './modules/notifications/index.ts';
import { remindProvisionalYear } from './modules/calendar/index.ts';
import { hallJobHandlers } from './modules/hall/index.ts';
import { refillWorkdays } from './modules/supervision/index.ts';
import { DEMO_PASSWORD, demoLoginLines, seedDemo, seedRegions } from '../../seed/demo.ts';
import { ensureInitialAdmin, reissueInitialAdminCode } from './modules/identity/index.ts';
import { countRegions } from './modules/org/index.ts';

const usage = `usage: npm run tongban -- <command>
  start          start the platform (embedded PGlite under DATA_DIR unless DATABASE_URL is set)
  migrate        apply pending migrations and exit
  seed           load the regions (GB/T 2260); with TONGBAN_DEMO=1 the demo too: departments, halls, catalog, accounts
  setup-code     a new one-time setup code for the initial administrator (until it is activated)
  audit verify [--checkpoints <file.jsonl>]…   verify the audit log's HMAC-SM3 chain, its signed anchor and the chain
                 against the latest signed checkpoint (database, DATA_DIR/audit-checkpoints/, the files given); exit 1 when broken
  audit checkpoint   seal what is pending and write a signed checkpoint now
  license verify <pdf> <sig> <seal-maker.cer>   verify a license PDF and its GB/T 38540 signature offline`;

async function start() {
  const config = loadConfig();
  const refusal = demoBindingProblem(config);
  if (refusal) throw new Error(refusal);
  const log = createLogger(config.logLevel);
  const t0 = Date.now();
  process.on('unhandledRejection', (reason) => {
    if (isJobQueueRejection(reason)) {
      log.error({ err: reason }, 'job queue: a completion was not recorded; the job is retried when it expires');
      return;
    }
    log.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  const runtime = await openRuntime(config, log);
  const { ctx } = runtime;
  if (config.masterKeySource === 'generated')
    log.warn(`generated a new master key in ${config.dataDir}/master.key: back it up; encrypted data cannot be read without it`);
  await ensureLicenseTypes(ctx);
  let initialAdmin: Awaited<ReturnType<typeof ensureInitialAdmin>> = null;
  if (config.demo) {
    await seedDemo(ctx);
    await seedDemoCases(ctx);
    const history = await seedHistory(ctx);
    if (!history.skipped) log.info(history, 'demo history of 石泉县 generated (supervision dashboard)');
  } else {
    // Regions are reference data (GB/T 2260), not demo data; the first start also makes the initial administrator.
    if ((await countRegions(ctx.db)) === 0) await seedRegions(ctx);
    initialAdmin = await ensureInitialAdmin(ctx);
  }
  // The rollups' working days follow the calendar service (notices, the law for provisional years, overrides).
  const refill = await refillWorkdays(ctx);
  if (refill.rewritten.length > 0) log.info({ workdays: refill }, 'supervision working days refilled from the calendar');
  if (config.runJobs) {
    runtime.sealer.start();
    await ctx.jobs.work({
      'sms.send': smsSinkHandler(ctx),
      ...hallJobHandlers(ctx),
      'cases.sweep': async () => {
        const report = await sweepCases(ctx);
        if (Object.values(report).some((n) => n > 0)) log.info({ sweep: report }, 'case deadlines swept');
      },
      ...caseEventHandlers(ctx),
      'evaluations.sweep': async () => {
        const report = await sweepEvaluations(ctx);
        if (Object.values(report).some((n) => n > 0)) log.info({ sweep: report }, 'bad-rating deadlines swept');
      },
      'reports.generate': async ({ reportId }) => {
        await generateReport(ctx, reportId);
      },
      'reports.schedule': async () => {
        const queued = await scheduleReports(ctx);
        if (queued) log.info({ queued }, 'periodic reports queued');
      },
      'calendar.changed': async () => {
        const report = await refillWorkdays(ctx);
        if (report.rewritten.length > 0) log.info({ workdays: report }, 'supervision working days refilled from the calendar');
      },
      'calendar.remind': async () => {
        const report = await remindProvisionalYear(ctx);
        if (report.regions.length > 0) log.info({ reminder: report }, 'system admins told that next year is provisional');
      },
      'audit.prune': async () => {
        const n = await pruneAuditEvents(ctx, config.auditRetentionDays);
        const k = await pruneIdempotencyKeys(ctx.db);
        log.info({ auditEventsPruned: n, idempotencyKeysPruned: k }, 'retention');
      },
    });
  }
  // The password policy's dictionaries load on first use (a few hundred ms of one thread): before
  // listening, so the first registration does not stall the event loop and trip admission control.
  checkPassword('warm-up the estimator');
  const app = await buildApp(ctx);
  // A burst of new connections (the opening minute) must wait in the kernel's accept queue, not
  // overflow it: Node's default backlog of 511 dropped handshakes, which the clients saw as
  // ECONNRESET after SYN retries. Linux caps this at net.core.somaxconn (4096 by default).
  await app.listen({ port: config.port, host: config.host, backlog: 4096 });
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    '',
    `  通办 Tongban is running at http://${shown}:${config.port}  (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    `  database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}/pgdata`}`,
    `  API docs: http://${shown}:${config.port}/api/docs`,
  ];
  if (config.demo) {
    lines.push(
      `  THIS IS THE DEMO: its accounts share a published password; listening on ${config.host}${config.demoExplicit ? ' (TONGBAN_DEMO=1)' : ''}.`,
      '  For a real installation set DATABASE_URL (or TONGBAN_DEMO=0): see docs/OPERATIONS.md.',
      `  demo logins (password ${DEMO_PASSWORD}):`,
    );
    lines.push(...demoLoginLines());
  }
  if (initialAdmin) lines.push(...setupCodeLines(initialAdmin, shown, config.port));
  process.stdout.write(`${lines.join('\n')}\n\n`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** The initial administrator's one-time setup code, printed once to the operator's terminal (never to the log). */
function setupCodeLines(a: NonNullable<Awaited<ReturnType<typeof ensureInitialAdmin>>>, host: string, port: number) {
  return [
    `  initial administrator: ${a.username} (platform root), not activated yet`,
    `  one-time setup code:   ${a.activation.code}   (valid until ${a.activation.expiresAt.toISOString()}, shown once)`,
    `  activate it at http://${host}:${port}/activate: set its password and enrol TOTP`,
  ];
}

async function oneShot(fn: (rt: Awaited<ReturnType<typeof openRuntime>>) => Promise<number>) {
  const config = loadConfig();
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const rt = await openRuntime(config, log, { schedule: false });
  try {
    process.exitCode = await fn(rt);
  } finally {
    await rt.close();
  }
}

const [command, sub] = process.argv.slice(2);
try {
  if (command === 'start') await start();
  else if (command === 'migrate')
    await oneShot(async () => {
      console.log('migrations are up to date');
      return 0;
    });
  else if (command === 'setup-code')
    await oneShot(async (rt) => {
      const a = await reissueInitialAdminCode(rt.ctx);
      if (!a) {
        console.log('no initial administrator is waiting for activation');
        return 1;
      }
      console.log(setupCodeLines(a, 'localhost', rt.ctx.config.port).join('\n'));
      return 0;
    });
  else if (command === 'seed')
    await oneShot(async (rt) => {
      // Demo accounts share a published password: loaded only when the demo is asked for by name (issue 26.4).
      if (rt.ctx.config.demoExplicit) {
        await seedDemo(rt.ctx);
        console.log('demo data loaded');
        return 0;
      }
      const regions = (await countRegions(rt.ctx.db)) === 0 ? await seedRegions(rt.ctx) : 0;
      console.log(
        `${regions ? `${regions} regions loaded` : 'regions already loaded'}; no demo data (its accounts share a published password): set TONGBAN_DEMO=1 to load the demo`,
      );
      return 0;
    });
  else if (command === 'audit' && sub === 'verify') {
    const args = process.argv.slice(4);
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--checkpoints' && args[i + 1]) files.push(args[++i]);
      else throw new Error(`unknown argument ${args[i]}; usage: audit verify [--checkpoints <file.jsonl>]`);
    }
    const { readFileSync } = await import('node:fs');
    const extra = files.map((f) => ({ lines: parseCheckpointLines(readFileSync(f, 'utf8')), source: f }));
    await oneShot(async (rt) => {
      const result = await verifyAuditLog(rt.ctx, { extra });
      console.log(
        result.ok ? `audit chain intact: ${result.checked} events verified` : `AUDIT CHAIN BROKEN after checking ${result.checked} events:`,
      );
      const explain: Record<string, string> = {
        edited: 'edited (hash mismatch)',
        missing: 'missing (deleted or reordered)',
        head: 'head does not match the last event (tail deleted)',
        truncated: 'tail deleted: a signed checkpoint names a later event',
        checkpoint: 'does not match a signed checkpoint',
        anchor: 'retention anchor',
        key: 'checkpoint key',
      };
      for (const p of result.problems)
        console.log(
          `  event ${p.chainSeq}${p.seq !== undefined ? ` (no. ${p.seq})` : ''}: ${explain[p.kind]}${p.detail ? ` — ${p.detail}` : ''}`,
        );
      if (result.checkpoint)
        console.log(
          `  checked against the checkpoint of ${result.checkpoint.at} (${result.checkpoint.source}): event ${result.checkpoint.chainSeq}`,
        );
      else console.log('  no signed checkpoint to check against');
      if (result.pending > 0) console.log(`  ${result.pending} committed events are pending (not sealed yet; the server seals them)`);
      return result.ok ? 0 : 1;
    });
  } else if (command === 'audit' && sub === 'checkpoint') {
    await oneShot(async (rt) => {
      await sealAllAuditEvents(rt.ctx.db, rt.ctx.auditKey);
      const line = await writeAuditCheckpoint(rt.ctx);
      console.log(line ? `checkpoint written: ${line.signed}` : 'no checkpoint: the chain is empty');
      return 0;
    });
  } else if (command === 'license' && sub === 'verify') {
    // Offline: only the files and the seal maker's public certificate; no database, no network.
    const [pdfPath, sigPath, certPath] = process.argv.slice(4);
    if (!pdfPath || !sigPath || !certPath) {
      console.error('usage: tongban license verify <license.pdf> <license.sig> <seal-maker.cer>');
      process.exitCode = 2;
    } else {
      const { readFileSync } = await import('node:fs');
      const { decodeSignature, verifySignature } = await import('./platform/ses.ts');
      const sig = readFileSync(sigPath);
      const result = verifySignature(sig, readFileSync(pdfPath), { trustedMakerCertsDer: [readFileSync(certPath)] });
      let identifier = '';
      try {
        identifier = decodeSignature(sig).propertyInfo;
      } catch {
        /* reported by the checks */
      }
      console.log(result.valid ? `VALID: the PDF is the one signed for ${identifier}` : 'NOT VALID:');
      for (const c of result.checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
      console.log('  (status — revoked, expired — is checked online: GET /api/v1/licenses/{identifier}/verify)');
      process.exitCode = result.valid ? 0 : 1;
    }
  } else {
    console.error(usage);
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`tongban: ${(err as Error).message}`);
  process.exit(1);
}
