export * from './lib/clients';
export * from './lib/credentials';
export * from './lib/dynamo';
// dynalite has no TTL: tests run its passes themselves.
export * from './lib/dynamo-ttl';
export * from './lib/ensure-bucket';
export * from './lib/ensure-tables';
export * from './lib/events/event-handler-host';
export * from './lib/hop-by-hop';
export * from './lib/http-forward';
export * from './lib/mailbox';
export * from './lib/running';
export * from './lib/s3/start-s3';
export * from './lib/s3/verify-presigned';
export * from './lib/ses';
export * from './lib/gateway/gateway';
export * from './lib/gateway/route-table';
export * from './lib/static-site';
