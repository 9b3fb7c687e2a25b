module.exports = {
  displayName: 'local-auth',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
