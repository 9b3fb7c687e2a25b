module.exports = {
  displayName: 'upload-client',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
