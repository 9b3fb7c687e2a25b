module.exports = {
  displayName: 'mailer',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
