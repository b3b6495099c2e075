import { login, type Client } from '../client.ts';
import type { TestPlatform } from '../platform.ts';

/** A staff account made through the database (as the seed does), bound to a hall by key if given, logged in. */
export async function staffAt(
  p: TestPlatform,
  username: string,
  o: { region: string; deptKey: string; roles: string[]; hallKey?: string },
): Promise<Client> {
  const dept = await p.ctx.db
    .selectFrom('departments')
    .select('id')
    .where('key', '=', o.deptKey)
    .where('region_code', '=', o.region)
    .executeTakeFirstOrThrow();
  const hall = o.hallKey ? await p.ctx.db.selectFrom('halls').select('id').where('key', '=', o.hallKey).executeTakeFirstOrThrow() : null;
  const hash = (await p.ctx.db.selectFrom('accounts').select('password_hash').where('username', '=', 'clerk1').executeTakeFirstOrThrow())
    .password_hash;
  await p.ctx.db
    .insertInto('accounts')
    .values({
      username,
      password_hash: hash,
      kind: 'staff',
      display_name: username,
      roles: o.roles,
      department_id: dept.id,
      region_code: o.region,
      hall_id: hall?.id ?? null,
      totp_required: false,
    })
    .execute();
  return login(p.app, username);
}

/** The demo centre's booking configuration: hall, business types by prefix, windows by number, a bookable and a non-bookable item. */
export async function demoHall(p: TestPlatform) {
  const hall = await p.ctx.db.selectFrom('halls').select(['id', 'key']).where('key', '=', 'center-610922').executeTakeFirstOrThrow();
  const config = (await p.app.inject({ url: `/api/v1/halls/${hall.id}/booking-config` })).json();
  const type = (prefix: string) => config.businessTypes.find((t: { prefix: string }) => t.prefix === prefix);
  const window = (n: string) => config.windows.find((w: { number: string }) => w.number === n);
  const bookable = type('A').items[0].implementationCode as string;
  const notBookable = (
    await p.ctx.db
      .selectFrom('items')
      .select('implementation_code')
      .where('region_code', '=', '610922')
      .where('status', '=', 'published')
      .where('can_book_online', '=', false)
      .executeTakeFirstOrThrow()
  ).implementation_code;
  return { hallId: hall.id, config, type, window, bookable, notBookable };
}
