import type { Git } from '../git/index.js';

/** A decision file changed or removed after it was first committed: decisions are append-only. */
export interface Tampering {
  /** Project-relative path. */
  file: string;
  kind: 'modified' | 'deleted';
  /** The commit that changed or removed it; null when the change is not committed yet. */
  commit: string | null;
  author: string | null;
  date: string | null;
  /** The commit that first added the file. */
  addedIn: string;
}

interface Event {
  status: string;
  commit: string;
  author: string;
  date: string;
}

const APPROVALS = '.sdd/approvals';

// @sdd approvals/GOV-006
/**
 * Reads git history for `.sdd/approvals/`: a file that was added and later modified or deleted,
 * in a commit or in the working tree, has been tampered with. Outside a git repository (or
 * before the first commit) there is no history to check, and nothing is reported.
 * `uncommitted: 'index'` judges the staged content instead of the working tree (for
 * `sdd check --staged`: an edit that is not staged will not be committed). `repo`: the gateway for
 * the project root.
 */
export async function findTampering(repo: Git, opts: { uncommitted?: 'worktree' | 'index' } = {}): Promise<Tampering[]> {
  const git = await repo.simple();
  let log: string;
  try {
    // --relative keeps paths relative to the project root even when it is below the repo's top.
    // -m lists a merge's changes against each parent: without it git shows merges with no files,
    // so an edit or deletion made in a merge commit would go unseen.
    log = await git.raw(['log', '-m', '--no-renames', '--relative', '--reverse', '--format=%x00%H%x09%ae%x09%aI', '--name-status', '--', APPROVALS]);
  } catch {
    return [];
  }
  const history = new Map<string, Event[]>();
  for (const chunk of log.split('\0').slice(1)) {
    const [header, ...lines] = chunk.split('\n');
    const [commit, author, date] = header.split('\t');
    for (const line of lines) {
      const m = /^([AMDT])\t(.+)$/.exec(line);
      if (!m) continue;
      const list = history.get(m[2]) ?? [];
      list.push({ status: m[1], commit, author, date });
      history.set(m[2], list);
    }
  }
  const out: Tampering[] = [];
  const committedNow = new Set<string>();
  for (const [file, events] of history) {
    const added = events.find((e) => e.status === 'A');
    if (!added) continue;
    const later = events.slice(events.indexOf(added) + 1).find((e) => e.status !== 'A');
    if (later) {
      out.push({ file, kind: later.status === 'D' ? 'deleted' : 'modified', commit: later.commit, author: later.author, date: later.date, addedIn: added.commit });
    } else {
      committedNow.add(file);
    }
  }
  // Changes not committed yet, to files whose committed history is clean so far.
  let diff = '';
  try {
    diff = await git.raw(['diff', ...(opts.uncommitted === 'index' ? ['--cached'] : []), 'HEAD', '--no-renames', '--relative', '--name-status', '--', APPROVALS]);
  } catch {
    diff = '';
  }
  for (const line of diff.split('\n')) {
    const m = /^([MDT])\t(.+)$/.exec(line);
    if (!m || !committedNow.has(m[2])) continue;
    const added = history.get(m[2])!.find((e) => e.status === 'A')!;
    out.push({ file: m[2], kind: m[1] === 'D' ? 'deleted' : 'modified', commit: null, author: null, date: null, addedIn: added.commit });
  }
  return out.sort((a, b) => a.file.localeCompare(b.file));
}
