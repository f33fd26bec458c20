import { defineConfig } from 'tsup';

// Two builds of the same sources: ESM (.js) and CommonJS (.cjs), each with its own declarations.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  // tsup's declaration build sets baseUrl, which TypeScript 6 deprecates; nothing here relies on it.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  clean: true,
  sourcemap: false,
  target: 'node20',
  platform: 'node',
  splitting: false,
  outDir: 'dist',
});
