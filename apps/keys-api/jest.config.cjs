module.exports = {
  displayName: 'keys-api',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
