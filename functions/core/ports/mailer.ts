/** An e-mail, already rendered (text and escaped HTML). */
export interface MailMessage {
  from: string;
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** Carried as a header so a mail can be traced back to the run that sent it. */
  correlationId: string;
}

/** SES in AWS, `.eml` files in a local outbox folder locally. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
