import { type DynamicModule, Module } from '@nestjs/common';
import { MAILER_OPTIONS, type MailerOptions } from './mail';
import { Mailer } from './mailer';

@Module({})
export class MailerModule {
  static forRoot(options: MailerOptions): DynamicModule {
    return {
      module: MailerModule,
      global: true,
      providers: [{ provide: MAILER_OPTIONS, useValue: options }, Mailer],
      exports: [Mailer],
    };
  }
}
