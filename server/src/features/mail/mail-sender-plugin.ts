import fp from 'fastify-plugin';
import nodemailer from 'nodemailer';
import { DIGEST_HOUR, queueDigests, swedishDay } from './mail-digest';
import { sendDue, type MailTransport } from './mail-service';

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox sender; undefined when SMTP_URL/MAIL_FROM are unset (no mail is queued then). */
    mailSender: MailSender | undefined;
  }
}

export interface MailSender {
  /** One round: queue today's digests (from 07:00 Swedish time), then send what is due. */
  runOnce(now?: Date): Promise<{ sent: number; failed: number }>;
}

const INTERVAL_MS = 30_000;

/**
 * Runs the outbox sender in this process on a timer (the job queue had not landed when mail
 * did; moving it there is one call). Rounds never overlap; closing the app stops the timer,
 * waits for a round under way and closes the SMTP connections.
 */
export const mailSenderPlugin = fp(
  async (app) => {
    const settings = app.config.mail;
    if (!settings) {
      app.decorate('mailSender', undefined);
      return;
    }
    const transport = nodemailer.createTransport(settings.smtpUrl);
    const origin = (app.config.origin ?? `http://${app.config.host}:${app.config.port}`).replace(/\/$/, '');
    let digestDay: string | undefined;
    let running: Promise<{ sent: number; failed: number }> | undefined;

    async function round(now: Date, mailer: MailTransport) {
      const { day, hour } = swedishDay(now);
      if (hour >= DIGEST_HOUR && digestDay !== day) {
        await queueDigests(app.db, now, origin);
        digestDay = day;
      }
      return sendDue(app.db, mailer, settings?.from ?? '', now);
    }

    const sender: MailSender = {
      async runOnce(now = new Date()) {
        if (running) await running.catch(() => undefined);
        running = round(now, transport);
        try {
          return await running;
        } finally {
          running = undefined;
        }
      },
    };
    app.decorate('mailSender', sender);

    let timer: NodeJS.Timeout | undefined;
    if (app.config.env !== 'test') {
      app.addHook('onReady', () => {
        timer = setInterval(() => {
          if (running) return;
          sender.runOnce().catch((error: unknown) => {
            app.log.warn({ code: (error as { code?: unknown } | null)?.code }, 'mail sender round failed');
          });
        }, INTERVAL_MS);
        timer.unref();
      });
    }
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
      transport.close();
    });
  },
  { name: 'mail-sender', dependencies: ['database'] },
);
