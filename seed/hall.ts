import * as orgRepo from '../src/server/modules/org/repo.ts';
import * as hallQueue from '../src/server/modules/hall/queue-repo.ts';
import * as hallRepo from '../src/server/modules/hall/repo.ts';
import type { AppContext } from '../src/server/platform/context.ts';

/**
 * 网上预约 and 排队叫号 at the demo county centre (石泉县政务服务中心): the hall's rules (the defaults), business type
 * A 综合受理 (every 可网上预约 item of the county; windows 01–04; Monday–Friday, six one-hour slots of 6 places) and
 * B 出件 (window 05, no booking). Windows 01–05 open for calls. Small and idempotent.
 */
export const HALL_SEED_REGION = '610922';

const hours = [
  ['09:00', '10:00'],
  ['10:00', '11:00'],
  ['11:00', '12:00'],
  ['14:00', '15:00'],
  ['15:00', '16:00'],
  ['16:00', '17:00'],
] as const;

export async function seedHallBooking(ctx: AppContext): Promise<void> {
  const hall = await orgRepo.findHallByKey(ctx.db, HALL_SEED_REGION, `center-${HALL_SEED_REGION}`);
  if (!hall) return;
  if ((await hallRepo.businessTypesOfHall(ctx.db, hall.id)).length > 0) return;
  const windows = await hallRepo.windowsOfHall(ctx.db, hall.id);
  const byNumber = (ns: string[]) => windows.filter((w) => ns.includes(w.number)).map((w) => w.id);
  const slots = [1, 2, 3, 4, 5].flatMap((weekday) =>
    hours.map(([start_time, end_time]) => ({ weekday, start_time, end_time, capacity: 6 })),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await hallRepo.upsertSettings(
      trx,
      hall.id,
      {
        days_ahead: 7,
        cancel_hours: 2,
        hold_minutes: 5,
        no_show_limit: 3,
        no_show_period_days: 90,
        suspension_days: 30,
        max_recalls: 2,
        skip_action: 'void',
      },
      null,
      ctx.now(),
    );
    const a = await hallRepo.insertBusinessType(trx, {
      hall_id: hall.id,
      prefix: 'A',
      name: '综合受理',
      item_ids: await hallRepo.bookableItemIds(trx, HALL_SEED_REGION),
      window_ids: byNumber(['01', '02', '03', '04']),
    });
    await hallRepo.replaceTemplates(trx, a.id, slots);
    await hallRepo.insertBusinessType(trx, { hall_id: hall.id, prefix: 'B', name: '统一出件', item_ids: [], window_ids: byNumber(['05']) });
    for (const w of windows.filter((x) => ['01', '02', '03', '04', '05'].includes(x.number)))
      await hallQueue.setWindowState(trx, w.id, hall.id, 'open', null, ctx.now());
  });
}
