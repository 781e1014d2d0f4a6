#!/usr/bin/env node
// Bundles the CLI into dist/ with esbuild:
//   dist/sdd.cjs          the CLI, one script: bin/sdd.js compiles it with node:vm and V8's code
//                         cache, which Node 20 offers for scripts only (not for ES modules). The
//                         source stays ES modules; esbuild keeps each command's modules lazy.
//   dist/prefetch.cjs     src/core/git/prefetch.ts (with src/core/shared/startup.ts) alone:
//                         bin/sdd.js loads it first, so that git status starts before the
//                         bundle is read and compiled. The bundle requires it rather than
//                         holding a copy: one module, one prefetched answer, one list of marks.
//   dist/parse-worker.js  the thread src/cache/parse-files.ts starts for large refreshes (ESM).
// See README.md, "Performance". Type checking is tsc's job.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// `prepare` runs this on every install from a git clone. esbuild is a devDependency: an install
// that omits those (npm install --omit=dev, some hook managers) keeps a dist/ that is already
// there, and otherwise stops with a message saying what to do, rather than a stack trace.
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  if (fs.existsSync('dist/sdd.cjs')) {
    process.stderr.write('sdd: esbuild is not installed (devDependencies omitted); keeping the existing dist/.\n');
    process.exit(0);
  }
  process.stderr.write('sdd: cannot build dist/: esbuild, a devDependency, is not installed.\nFix: install with devDependencies (`npm install --include=dev`), then run `npm run build`.\n');
  process.exit(1);
}

// The shipped JSON Schemas, compiled to a module the bundle (and tsc's build/) includes; it is
// committed, so this only rewrites it after a schema changed (tsc then needs another run).
const { writeSchemaValidators, GENERATED_FILE } = await import('./schema-validators.mjs');
if (writeSchemaValidators()) process.stderr.write(`sdd: regenerated ${GENERATED_FILE} from schemas/; run \`npm run build\` again for build/.\n`);

fs.rmSync('dist', { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
  minify: true,
  keepNames: true,
  // Non-ASCII characters in strings are escaped: bin/sdd.js reads the bundle as latin1.
  charset: 'ascii',
  // better-sqlite3's JavaScript is bundled; its native addon is loaded from node_modules at run
  // time (src/cache/db.ts passes its path, so the `bindings` lookup never runs).
};

// Imports of the modules in dist/prefetch.cjs become require('./prefetch.cjs'): the file
// bin/sdd.js loaded, which exports what both of them export.
const IN_PREFETCH = new Set(['src/core/git/prefetch.ts', 'src/core/shared/startup.ts'].map((f) => path.resolve(f)));
const prefetchModule = {
  name: 'prefetch-module',
  setup(build) {
    build.onResolve({ filter: /(^|\/)(prefetch|startup)\.js$/ }, (args) => (
      IN_PREFETCH.has(path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts')) ? { path: './prefetch.cjs', external: true } : undefined
    ));
  },
};
// The CLI. import.meta.url becomes the bundle's own file URL; `require` is the one bin/sdd.js
// passes in (bundled CommonJS dependencies such as commander call it).
const cli = await esbuild.build({
  ...common,
  plugins: [prefetchModule],
  entryPoints: ['src/main.ts'],
  outfile: 'dist/sdd.cjs',
  format: 'cjs',
  define: { 'import.meta.url': '__sddImportMetaUrl' },
  banner: { js: "var __sddImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  write: false,
});

await esbuild.build({ ...common, entryPoints: ['src/core/git/prefetch.ts'], outfile: 'dist/prefetch.cjs', format: 'cjs' });

await esbuild.build({
  ...common,
  entryPoints: { 'parse-worker': 'src/cache/parse-worker.ts' },
  outdir: 'dist',
  format: 'esm',
  // Bundled CommonJS dependencies call require().
  banner: { js: "import { createRequire as __sddCreateRequire } from 'node:module'; const require = __sddCreateRequire(import.meta.url);" },
});

// The first line names this build, so that bin/sdd.js never feeds V8 a code cache made for other
// bytes (V8 itself only compares the source's length).
const code = cli.outputFiles[0].text;
if (/[^\x00-\x7f]/.test(code)) {
  process.stderr.write('sdd: dist/sdd.cjs would hold non-ASCII bytes, which bin/sdd.js cannot read as latin1.\n');
  process.exit(1);
}
const buildId = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
fs.writeFileSync('dist/sdd.cjs', `// sdd-build ${buildId}\n${code}`);
