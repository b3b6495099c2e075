import type { AppContext } from '../../platform/context.ts';
import { maskPhone } from '../../platform/crypto.ts';
import type { JobHandler } from '../../platform/jobs.ts';
import { insertSmsMessage } from './repo.ts';

/**
 * The SMS sink of the embedded mode and of tests: a message is written to the sms_messages table
 * (which tests and the demo read) and to the log with the number masked. A deployment replaces
 * this handler with its SMS gateway.
 */
export function smsSinkHandler(ctx: AppContext): JobHandler<'sms.send'> {
  return async (data, meta) => {
    const phone = ctx.cipher.decrypt(data.phoneEnc);
    await insertSmsMessage(ctx.db, {
      job_id: meta.id,
      phone_index: ctx.cipher.blindIndex(`phone:${phone}`),
      phone_masked: maskPhone(phone),
      body: data.body,
      purpose: data.purpose,
    });
    ctx.log.info({ job: meta.id, to: maskPhone(phone), purpose: data.purpose, sms: data.body }, 'SMS (sink)');
  };
}
