#!/usr/bin/env node
/**
 * sdd's launcher. It compiles the bundled CLI (dist/sdd.cjs) with node:vm and hands V8 the code
 * it compiled for the same command the last time: a code cache. A warm start then skips parsing
 * and compiling JavaScript, which on Node 20 is most of what a command costs beyond Node's own
 * start-up (README.md, "Performance"). Node 22's module.enableCompileCache() does this for ES
 * modules; Node 20 offers it only for scripts, hence a CommonJS bundle built from ES modules.
 *
 * The cache is derived data in the user's cache folder ($XDG_CACHE_HOME/sdd or ~/.cache/sdd),
 * one file per command and install. A file is used only when its header names this build, this
 * Node and this CPU and its checksum matches (V8 aborts the process on damaged cache bytes, so
 * they never reach it); otherwise, and when V8 refuses it, it is rewritten at exit. Nothing is
 * printed about it: a cache that cannot be read or written only means a slower start.
 *   SDD_CODE_CACHE=off   compile from source every time
 *   SDD_CODE_CACHE=DIR   keep the cache in DIR
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const BUNDLE = fileURLToPath(new URL('../dist/sdd.cjs', import.meta.url));

// The flag src/core/shared/user-regex.ts sets, set before compiling: V8 keys its code cache on
// its flags, so a flag changed after the cache was read would make V8 refuse it on every start.
v8.setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

// First of all, git status for the index refresh (src/core/git/prefetch.ts): git then works on
// the other core while the bundle is read and compiled. The bundle requires the same module and
// takes the answer from it. A broken install is reported below, when the bundle cannot be read.
let prefetch;
try {
  prefetch = createRequire(import.meta.url)('../dist/prefetch.cjs');
  prefetch.prefetchStatus(process.argv);
} catch {
  // dist/ is incomplete: see below.
}

let source;
try {
  // The bundle is ASCII (scripts/build.mjs checks): latin1 decodes it without UTF-8 validation.
  source = fs.readFileSync(BUNDLE, 'latin1');
} catch (err) {
  process.stderr.write(`sdd: cannot read ${BUNDLE} (${err.code ?? err.message}).\nFix: run \`npm run build\` in the sdd package, or reinstall sdd.\n`);
  process.exit(2);
}

const word = prefetch?.commandWord(process.argv.slice(2));
// One cache per command: its file name is the command word, or `main` without one.
const cache = openCodeCache(/^\/\/ sdd-build (\w+)\n/.exec(source)?.[1], !word ? 'main' : /^[a-z][a-z-]{0,31}$/.test(word) ? word : 'other');
// One line, so that line numbers in stack traces are the bundle's own.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __sddLaunch) {${source}\n})`, {
  filename: BUNDLE,
  cachedData: cache?.data,
});
const codeCache = !cache ? 'off' : !cache.data ? 'missing' : script.cachedDataRejected ? 'rejected' : 'accepted';
// At exit the cache holds every function this run compiled, not only the top level.
if (cache && codeCache !== 'accepted') process.once('exit', () => cache.save(script));
const cjsModule = { exports: {} };
script.runInThisContext()(cjsModule.exports, createRequire(BUNDLE), cjsModule, BUNDLE, path.dirname(BUNDLE), {
  import: (specifier) => import(specifier),
  codeCache,
});

/** The code cache of `command` for this build: its bytes when valid, and a way to save them. */
function openCodeCache(buildId, command) {
  const setting = process.env.SDD_CODE_CACHE ?? '';
  // zlib.crc32 arrived in Node 20.15; without a checksum no cache is trusted.
  if (!buildId || typeof zlib.crc32 !== 'function' || /^(0|off|false|no)$/i.test(setting)) return null;
  const dir = setting && !/^(1|on|true|yes)$/i.test(setting) ? path.resolve(setting) : defaultCacheDir();
  if (!dir) return null;
  const file = path.join(dir, `${command}-${fnv1a(BUNDLE)}.bin`);
  const prefix = `sdd-code-cache 1 ${buildId} ${process.version} ${process.arch}`;
  let data;
  try {
    const bytes = fs.readFileSync(file);
    const end = bytes.indexOf(10);
    const [head, length, crc] = bytes.subarray(0, Math.max(end, 0)).toString('latin1').split(' | ');
    const payload = bytes.subarray(end + 1);
    if (end > 0 && head === prefix && Number(length) === payload.length && Number(crc) === zlib.crc32(payload)) data = payload;
  } catch {
    // No cache yet, or an unreadable one: compile from source and write it at exit.
  }
  return {
    data,
    save(compiled) {
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        const payload = compiled.createCachedData();
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${prefix} | ${payload.length} | ${zlib.crc32(payload)}\n`, 'latin1'), payload]), { mode: 0o600 });
        fs.renameSync(tmp, file);
      } catch {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // Nothing was written.
        }
      }
    },
  };
}

function defaultCacheDir() {
  const home = os.homedir();
  const base = process.env.XDG_CACHE_HOME
    || (process.platform === 'win32' ? process.env.LOCALAPPDATA : process.platform === 'darwin' ? home && path.join(home, 'Library', 'Caches') : home && path.join(home, '.cache'));
  return base ? path.join(base, 'sdd') : null;
}

/** A short stable name for the bundle's path (32-bit FNV-1a, hex): one cache per install. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
