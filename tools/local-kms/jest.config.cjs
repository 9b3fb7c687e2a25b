module.exports = {
  displayName: 'local-kms',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
