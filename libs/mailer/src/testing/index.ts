export * from './fake-mailer';
