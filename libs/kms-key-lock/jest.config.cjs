module.exports = {
  displayName: 'kms-key-lock',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
