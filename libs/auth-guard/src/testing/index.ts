export * from './fake-id-token';
export * from './fake-userinfo-server';
