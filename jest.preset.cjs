// Shared jest settings: one transformer, both test tiers (*.spec.ts, *.int-spec.ts).
const path = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

// This machine runs Node 20 (Lambda runs 22); the SDK's reminder of that is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'tsconfig.spec.json') }],
  },
  // Integration specs start real stand-ins; give them room on a 2-core machine.
  testTimeout: 30000,
};
