import type { AppContext } from '../../platform/context.ts';
import { maskPhone } from '../../platform/crypto.ts';
import type { JobHandler } from '../../platform/jobs.ts';
import { insertSmsMessage } from './repo.ts';

/**
 * The SMS sink of the embedded mode and of tests: a message is written to the sms_messages table
 * (which tests and the demo read, as an SMS gateway's outbox). The log gets only the masked number,
 * the purpose and the length: message bodies carry verification codes, activation codes and rating
 * links, which never go to a log. A deployment replaces this handler with its SMS gateway.
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
    ctx.log.info({ job: meta.id, to: maskPhone(phone), purpose: data.purpose, length: data.body.length }, 'SMS (sink)');
  };
}
