module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  // A browser against the whole local product: give each step room on a 2-core machine.
  testTimeout: 120_000,
  // Every spec starts the devstack on its fixed ports: one spec file at a time.
  maxWorkers: 1,
};
