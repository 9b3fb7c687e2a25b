export * from './fake-userinfo-server';
