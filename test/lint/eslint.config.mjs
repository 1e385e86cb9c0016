// ESLint configuration (run with `npm run lint`, which passes -c so the top level stays as the layout says).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'cdktf.out/**', 'node_modules/**', '.scratch/**', '.bench/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Terraform JSON and cdktf manifests are untyped; tests read them freely.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Lazy loading (zod, yaml, the CLI's run()) uses require on purpose.
      '@typescript-eslint/no-require-imports': 'off',
      // Constructs are created for their side effects on the construct tree.
      'no-new': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
);
