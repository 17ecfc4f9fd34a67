/**
 * The mails' texts in Swedish and English. No account stores a language yet, so every mail is
 * Swedish today; `Locale` is the seam for when one does.
 */
export type MailLocale = 'sv' | 'en';

export interface LinkMailInput {
  displayName: string;
  collaborationName: string;
  link: string;
  expiresAt: Date;
}

function dateTime(at: Date, locale: MailLocale): string {
  return at.toLocaleString(locale === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' });
}

export function inviteMail(input: LinkMailInput, locale: MailLocale): { subject: string; body: string } {
  const until = dateTime(input.expiresAt, locale);
  return locale === 'sv'
    ? {
        subject: `Inbjudan till Lägesbild – ${input.collaborationName}`,
        body: `Hej ${input.displayName}!\n\nDu är inbjuden till ${input.collaborationName} i Lägesbild. Välj ditt lösenord här:\n\n${input.link}\n\nLänken gäller till ${until} och kan användas en gång.\n`,
      }
    : {
        subject: `Invitation to Lägesbild – ${input.collaborationName}`,
        body: `Hello ${input.displayName},\n\nYou are invited to ${input.collaborationName} in Lägesbild. Choose your password here:\n\n${input.link}\n\nThe link is valid until ${until} and works once.\n`,
      };
}

export function resetMail(input: LinkMailInput, locale: MailLocale): { subject: string; body: string } {
  const until = dateTime(input.expiresAt, locale);
  return locale === 'sv'
    ? {
        subject: 'Nytt lösenord i Lägesbild',
        body: `Hej ${input.displayName}!\n\nEn administratör i ${input.collaborationName} har skickat dig en länk för att välja ett nytt lösenord:\n\n${input.link}\n\nLänken gäller till ${until} och kan användas en gång. Har du inte bett om detta kan du bortse från mejlet.\n`,
      }
    : {
        subject: 'New password for Lägesbild',
        body: `Hello ${input.displayName},\n\nAn administrator of ${input.collaborationName} has sent you a link to choose a new password:\n\n${input.link}\n\nThe link is valid until ${until} and works once. If you did not ask for this, ignore this e-mail.\n`,
      };
}

export interface DigestContent {
  displayName: string;
  collaborationName: string;
  moderation: { texts: number; flagged: number } | null;
  walkActions: { walkTitle: string; text: string }[];
  followUps: { pledgeTitle: string; what: string; followUpOn: string }[];
  origin: string;
}

export function digestMail(d: DigestContent, locale: MailLocale): { subject: string; body: string } {
  const sv = locale === 'sv';
  const parts: string[] = [];
  if (d.moderation) {
    parts.push(
      sv
        ? `Att granska: ${d.moderation.texts} fritextsvar och ${d.moderation.flagged} flaggade svar.\n${d.origin}/staff/moderation`
        : `To moderate: ${d.moderation.texts} free-text answers and ${d.moderation.flagged} flagged answers.\n${d.origin}/staff/moderation`,
    );
  }
  if (d.walkActions.length > 0) {
    const lines = d.walkActions.map((a) => `- ${a.walkTitle}: ${a.text}`).join('\n');
    parts.push(
      `${sv ? 'Öppna åtgärder från dina trygghetsvandringar' : 'Open actions from your safety walks'}:\n${lines}\n${d.origin}/staff/walks`,
    );
  }
  if (d.followUps.length > 0) {
    const lines = d.followUps.map((f) => `- ${f.pledgeTitle}: ${f.what} (${f.followUpOn})`).join('\n');
    parts.push(
      `${sv ? 'Uppföljningar av medborgarlöften som ska göras' : 'Pledge follow-ups that are due'}:\n${lines}\n${d.origin}/staff/pledges`,
    );
  }
  return {
    subject: sv ? `Lägesbild: det här väntar på dig – ${d.collaborationName}` : `Lägesbild: waiting for you – ${d.collaborationName}`,
    body: `${sv ? 'Hej' : 'Hello'} ${d.displayName}!\n\n${parts.join('\n\n')}\n`,
  };
}
