import 'reflect-metadata';
import serverlessExpress from '@codegenie/serverless-express';
import type { Handler } from 'aws-lambda';
import { createUploadsApp } from './app/create-uploads-app';
import { loadUploadsConfig } from './config';

let app: Promise<Handler> | undefined;

/** Builds the Nest app once per Lambda container (cold start) and reuses it for every event. */
async function bootstrap(): Promise<Handler> {
  const nest = await createUploadsApp(loadUploadsConfig());
  return serverlessExpress({ app: nest.getHttpAdapter().getInstance() });
}

export const handler: Handler = async (event, context, callback) => {
  app ??= bootstrap();
  return (await app)(event, context, callback);
};
