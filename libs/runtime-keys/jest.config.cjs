module.exports = {
  displayName: 'runtime-keys',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
