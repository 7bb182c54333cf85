// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const sdkImports = {
  group: ['@aws-sdk/*', '@smithy/*', 'amazon-cognito-identity-js'],
  message: 'Only src/aws and src/auth talk to the AWS SDK; the rest goes through domain ports.',
};
const reactImports = { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'This layer has no React.' };
const upward = (layers) => ({
  group: layers.map((l) => `**/${l}/**`),
  message: 'Dependencies point one way: features → stores → domain ← aws/auth.',
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.local-aws/**', 'infra/cdk/cdk.out/**', 'coverage/**', 'public/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [sdkImports, reactImports, upward(['stores', 'features', 'aws', 'auth', 'workers'])] }],
    },
  },
  {
    files: ['src/stores/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports, reactImports, upward(['features'])] }] },
  },
  {
    files: ['src/features/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports] }] },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sdkImports, reactImports, upward(['stores', 'features', 'aws', 'auth'])] }] },
  },
);
