export * from './lib/mail';
export * from './lib/mailer';
export * from './lib/mailer.module';
