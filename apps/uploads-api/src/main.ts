import 'reflect-metadata';
import { createUploadsApp } from './app/create-uploads-app';
import { loadUploadsConfig } from './config';

async function main(): Promise<void> {
  const config = loadUploadsConfig();
  const app = await createUploadsApp(config);
  await app.listen(config.PORT, config.HOST);
  console.log(`uploads-api listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
