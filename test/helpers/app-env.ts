import { openCache, type CacheSession, type OpenCacheOptions } from '../../src/cache/open.js';
import type { Env } from '../../src/env.js';
import { openGit } from '../../src/core/git/index.js';

/** The part of Env the use cases in src/app/ need, opening the real index of the project at `cwd`. */
export function cacheEnv(cwd: string): Pick<Env, 'cwd' | 'openCache' | 'git'> & { opened: Array<CacheSession<unknown>> } {
  const opened: Array<CacheSession<unknown>> = [];
  const git = openGit(cwd, process.env);
  return {
    cwd,
    git,
    opened,
    async openCache<T = undefined>(options?: OpenCacheOptions<T>): Promise<CacheSession<T>> {
      const session = await openCache(cwd, { git, ...options });
      opened.push(session);
      return session;
    },
  };
}
