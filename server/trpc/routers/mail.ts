/**
 * The mail outbox, for admins: what Aurora sent and what is waiting (everything, when no
 * SMTP server is configured). `get` returns a message whole, as its recipient sees it.
 */
import { z } from 'zod';
import { idSchema } from '../../../shared/fields/ids';
import { DEFAULT_PAGE_SIZE, pageSchema } from '../../services/identity/schemas';
import { getMail, listMail } from '../../services/mail/admin-view';
import { MAIL_STATUSES } from '../../services/mail/records';
import { managingPeopleProcedure, router } from '../init';

export const mailRouter = router({
  /**
   * Newest first; `status` narrows it to sent, waiting, sending or failed mail.
   * `transport` says whether waiting mail will be sent (`smtp`) or only kept (`outbox`).
   */
  list: managingPeopleProcedure
    .input(pageSchema.extend({ status: z.enum(MAIL_STATUSES).optional() }).optional())
    .query(async ({ ctx, input }) => ({
      ...(await listMail(ctx.backend, input ?? { limit: DEFAULT_PAGE_SIZE })),
      transport: ctx.services.mailer.transport,
    })),

  get: managingPeopleProcedure
    .input(z.object({ messageId: idSchema }))
    .query(({ ctx, input }) => getMail(ctx.backend, input.messageId)),
});
