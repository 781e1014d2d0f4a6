#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild. One bundle (split into chunks at dynamic imports, so
// commands still load only what they use) starts measurably faster than tsc's one-file-per-module
// output on Node 20's ESM loader: see README.md, "Performance". Type checking is tsc's job.
import fs from 'node:fs';

// `prepare` runs this on every install from a git clone. esbuild is a devDependency: an install
// that omits those (npm install --omit=dev, some hook managers) keeps a dist/ that is already
// there, and otherwise stops with a message saying what to do, rather than a stack trace.
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (fs.existsSync('dist/cli.js')) {
    process.stderr.write('sdd: esbuild is not installed (devDependencies omitted); keeping the existing dist/.\n');
    process.exit(0);
  }
  process.stderr.write('sdd: cannot build dist/: esbuild, a devDependency, is not installed.\nFix: install with devDependencies (`npm install --include=dev`), then run `npm run build`.\n');
  process.exit(1);
}

fs.rmSync('dist', { recursive: true, force: true });
await esbuild.build({
  // dist/parse-worker.js is the thread src/cache/parse-files.ts starts for large refreshes.
  entryPoints: ['src/cli.ts', 'src/prefetch.ts', 'src/cache/parse-worker.ts'],
  entryNames: '[name]',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // better-sqlite3's JavaScript is bundled; its native addon is loaded from node_modules at run
  // time (src/cache/db.ts passes its path, so the `bindings` lookup never runs).
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies (commander, gray-matter) call require().
  banner: { js: "import { createRequire as __sddCreateRequire } from 'node:module'; const require = __sddCreateRequire(import.meta.url);" },
  // ink and React (the progress bar of `sdd cache rebuild` on a terminal) load from node_modules
  // when that bar is drawn: ink's optional devtools and its layout engine's WebAssembly do not
  // bundle, and nothing else needs them.
  external: ['ink', 'react', 'react/jsx-runtime'],
  jsx: 'automatic',
  logLevel: 'warning',
  legalComments: 'none',
  minify: true,
  keepNames: true,
});
