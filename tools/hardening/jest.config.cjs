module.exports = {
  displayName: 'hardening',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
