module.exports = {
  displayName: 'file-removal',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
