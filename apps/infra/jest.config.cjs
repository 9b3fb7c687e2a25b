module.exports = {
  displayName: 'infra',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
  // cdktf's matchers (toHaveResourceWithProperties, …) on jest's expect.
  setupFilesAfterEnv: ['<rootDir>/src/testing/cdktf-matchers.ts'],
};
