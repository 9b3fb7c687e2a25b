module.exports = {
  displayName: 'sharing-api',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
