module.exports = {
  displayName: 'api-contract',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
