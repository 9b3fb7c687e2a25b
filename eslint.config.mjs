import nx from '@nx/eslint-plugin';
import jest from 'eslint-plugin-jest';
import prettier from 'eslint-config-prettier';

// Module boundaries: scope:{api,web,cli,infra,shared,dev} x type:{app,feature,data-access,util}.
const depConstraints = [
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:cli', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:infra', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Dev tools (local stand-ins, devstack, test harness) may use anything but apps.
  {
    sourceTag: 'scope:dev',
    onlyDependOnLibsWithTags: ['scope:dev', 'scope:shared', 'scope:api'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
];

// Apps and feature code reach AWS only through the adapters in libs/storage, libs/metadata and
// libs/mailer (@enclave/storage, @enclave/metadata, @enclave/mailer); tests in apps too. Dev tools (scope:dev) may use the SDK.
// This is a depConstraint rather than a `files: ['apps/**']` block because Nx lints from the
// project folder, where such a glob never matches.
const awsSdkBans = [
  ...['scope:api', 'scope:cli', 'scope:web', 'scope:infra'].map((scope) => [scope, 'type:app']),
  ['scope:api', 'type:feature'],
].map((allSourceTags) => ({ allSourceTags, bannedExternalImports: ['@aws-sdk/*', '@smithy/*'] }));

// Tests may also use the dev-scope harness and stand-ins (libs/testing, libs/local-stack).
const testDepConstraints = depConstraints.map((c) =>
  c.sourceTag.startsWith('scope:')
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'scope:dev'] }
    : c.sourceTag === 'type:app' || c.sourceTag === 'type:util'
      ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:feature'] }
      : c,
);

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/.enclave',
      '**/tmp',
      '**/coverage',
      '**/src/generated/**',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [...depConstraints, ...awsSdkBans],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Test support: fakes and fixtures that only specs import.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.fakes.ts', '**/*.fixture.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [...testDepConstraints, ...awsSdkBans],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
    },
  },
  prettier,
];
