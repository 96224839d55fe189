import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A forgotten await loses errors and breaks transactions.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Relations loaded on purpose are asserted with `!`; the type system cannot see the join.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { ignores: ['jest.config.cts', 'jest.integration.config.cts', 'jest.swc.cjs', 'eslint.config.mjs'] },
];
