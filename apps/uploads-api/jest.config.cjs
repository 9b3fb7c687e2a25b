module.exports = {
  displayName: 'uploads-api',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
