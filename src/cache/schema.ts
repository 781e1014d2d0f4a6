/**
 * Version of the index layout. Any change to the tables below, or to what is stored in them,
 * bumps it: a database of another version is rebuilt, never migrated.
 */
export const SCHEMA_VERSION = 10;

/**
 * The indexes of the rows a spec writes (src/cache/indexer.ts). A full rebuild drops them while it
 * inserts and creates them again before it commits: building an index once over all rows is
 * cheaper than keeping it sorted through ten thousand inserts.
 */
export const SPEC_INDEX_SQL = `
CREATE INDEX specs_id ON specs(id);
CREATE INDEX specs_status ON specs(status COLLATE NOCASE);
CREATE INDEX specs_domain ON specs(domain COLLATE NOCASE);
CREATE INDEX specs_phase ON specs(phase_num);
CREATE INDEX fields_key_value ON fields(key, value COLLATE NOCASE);
CREATE INDEX fields_spec ON fields(spec);
CREATE INDEX deps_spec ON deps(spec);
CREATE INDEX deps_target ON deps(depends_on);
CREATE INDEX requirements_spec ON requirements(spec);
CREATE INDEX requirements_id ON requirements(req_id);
`;

/** The names of the indexes in SPEC_INDEX_SQL. */
export const SPEC_INDEXES = [...SPEC_INDEX_SQL.matchAll(/^CREATE INDEX (\w+)/gm)].map((m) => m[1]);

export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- One row per spec file seen, parsable or not. The stat fields are the fast path of freshness;
-- file_hash (git's blob id of the raw bytes, see file-hash.ts) decides whether a changed file
-- must be re-indexed, and tells sdd check --staged which rows hold the staged content.
CREATE TABLE files (
  path TEXT PRIMARY KEY,
  mtime_ms REAL NOT NULL,
  ctime_ms REAL NOT NULL,
  size INTEGER NOT NULL,
  ino INTEGER NOT NULL,
  file_hash TEXT NOT NULL,
  problem TEXT
) WITHOUT ROWID;

CREATE TABLE specs (
  rowid INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  kind TEXT NOT NULL,
  phase,
  phase_num REAL,
  domain TEXT,
  owner TEXT,
  created TEXT,
  updated TEXT,
  format TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  body_line INTEGER NOT NULL,
  tags TEXT NOT NULL,
  depends_on TEXT NOT NULL,
  data TEXT NOT NULL
);

-- The long text lives apart from specs, so scans over metadata stay small. It is also the
-- content table of spec_fts (same rowid as specs).
CREATE TABLE spec_text (
  rowid INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  req_text TEXT NOT NULL
);

-- Multi-valued and extra front-matter keys, flattened: one row per scalar (list items each).
-- Extra keys are stored under their own names, known lists under tags/reviewers/code.
CREATE TABLE fields (
  spec INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  num REAL
);

CREATE TABLE deps (
  spec INTEGER NOT NULL,
  depends_on TEXT NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE requirements (
  rowid INTEGER PRIMARY KEY,
  spec INTEGER NOT NULL,
  req_id TEXT NOT NULL,
  text TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  keyword TEXT,
  -- What req_fts indexes: the id and the text, so a requirement is found by either.
  search_text TEXT NOT NULL
);

-- Approval state per spec id, computed from .sdd/approvals/, access.yml and allowed_signers
-- (src/core/governance); recomputed when those files or any spec change.
CREATE TABLE approval_state (
  spec_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  quorum INTEGER NOT NULL,
  approvers TEXT NOT NULL
) WITHOUT ROWID;

-- Who is involved in a spec's review: asked (requested), and whose valid decision counts.
CREATE TABLE approval_people (
  spec_id TEXT NOT NULL,
  principal TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE INDEX approval_people_spec ON approval_people(spec_id);
CREATE INDEX approval_people_principal ON approval_people(principal COLLATE NOCASE);

-- Signature verdicts by a hash of everything they depend on (record, signature, principal,
-- allowed_signers), so ssh-keygen runs once per decision file, not once per refresh.
CREATE TABLE verifications (
  key TEXT PRIMARY KEY,
  verdict TEXT NOT NULL
) WITHOUT ROWID;

-- The source tree as drift sees it (src/core/trace/): every candidate file with the stat that
-- decides whether it must be scanned again, and the code references (tags) found in it.
CREATE TABLE code_files (
  path TEXT PRIMARY KEY,
  mtime_ms REAL NOT NULL,
  ctime_ms REAL NOT NULL,
  size INTEGER NOT NULL,
  ino INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE code_refs (
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  col INTEGER NOT NULL,
  spec_id TEXT,
  req_id TEXT,
  pin TEXT,
  role TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX code_refs_file ON code_refs(file);
CREATE INDEX code_refs_spec ON code_refs(spec_id);

-- Full-text indexes kept in step with their base tables by the indexer (external content).
CREATE VIRTUAL TABLE spec_fts USING fts5(title, body, req_text, content='spec_text', content_rowid='rowid', tokenize='porter unicode61');
CREATE VIRTUAL TABLE req_fts USING fts5(search_text, content='requirements', content_rowid='rowid', tokenize='porter unicode61');
-- The same text as whole words, unstemmed, for prefix terms: porter stores "deprecated" as
-- "deprec", so "deprecat*" would miss it in the tables above. Exact words still go there.
CREATE VIRTUAL TABLE spec_words USING fts5(title, body, req_text, content='spec_text', content_rowid='rowid', tokenize='unicode61');
CREATE VIRTUAL TABLE req_words USING fts5(search_text, content='requirements', content_rowid='rowid', tokenize='unicode61');
${SPEC_INDEX_SQL}`;
