import { defineConfig } from 'tsup';

// Two builds of the same sources: ESM (.js) and CommonJS (.cjs), each with its own declarations.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: false,
  outDir: 'dist',
});
