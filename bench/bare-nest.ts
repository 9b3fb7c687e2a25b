// The baseline: a bare NestJS endpoint on the same path as create-upload, answering a fixed
// 201 body with no auth, validation, DynamoDB or presigning.
import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

@Controller()
class BareController {
  @Get('/health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Post('/v1/users/:user_id/files')
  @HttpCode(201)
  create(): Record<string, unknown> {
    return {
      file_id: '019a5f4e-7c2b-7d3e-8f00-123456789abc',
      status: 'UPLOADING',
      upload_url: 'http://127.0.0.1/x',
    };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.env['PORT']), '127.0.0.1');
}

void main();
