module.exports = {
  displayName: 'devstack',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
