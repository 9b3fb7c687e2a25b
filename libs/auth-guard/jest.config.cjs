module.exports = {
  displayName: 'auth-guard',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
