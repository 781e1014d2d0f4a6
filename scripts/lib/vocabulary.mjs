/**
 * Words for the benchmark corpus. Lists are ordered by intended frequency: the generator draws
 * from them by Zipf's law, so early words are common and late words are rare.
 */

/** A term that appears in nearly every generated spec (it is the most frequent noun). */
export const COMMON_TERM = 'token';

/** A term that appears in about 0.1% of generated specs (never drawn by Zipf; injected). */
export const RARE_TERM = 'quokka';

/** How often RARE_TERM is injected: the share of specs that mention it. */
export const RARE_TERM_SHARE = 0.001;

export const NOUNS = words(`
  token user request service session account data cache record event api client server
  message error response key policy permission role payment invoice customer order search
  index query result report queue job worker config setting profile password email
  notification audit log metric dashboard team organization tenant workspace project file
  document upload download export import schema field table column database transaction
  refund subscription plan price discount coupon checkout cart product catalog inventory
  shipment address region currency tax balance ledger webhook endpoint gateway proxy
  certificate secret credential identity provider scope grant consent device browser
  admin operator owner member invitation group label tag comment thread channel template
  attachment image thumbnail storage bucket object version release deployment environment
  cluster node container image build pipeline artifact branch commit review approval
  workflow task step state transition status history timeline snapshot backup restore
  replica shard partition migration rollback feature flag experiment variant cohort segment
  funnel conversion retention churn forecast budget quota limit threshold alert incident
  outage latency throughput timeout retry backoff circuit breaker fallback connection pool
  thread lock mutex semaphore buffer stream batch chunk cursor page filter sort facet
  ranking relevance score suggestion autocomplete synonym stemmer analyzer tokenizer
  locale language translation timezone calendar schedule reminder digest summary preview
  draft revision diff patch merge conflict resolution sync conflict handler listener
  subscriber publisher topic broker offset consumer producer payload header cookie
  signature nonce hash salt cipher encryption decryption keystore vault rotation expiry
  lease heartbeat probe health readiness liveness sidecar mesh ingress egress firewall
  allowlist denylist quarantine sandbox tenant boundary region failover recovery
  checksum manifest registry package dependency plugin extension module adapter driver
  connector integration partner vendor merchant payout settlement chargeback dispute
  fraud risk rule verdict review kyc onboarding signup login logout lockout recovery
  captcha biometric passkey factor authenticator enrollment delegation impersonation
  ticket escalation assignment handoff backlog sprint milestone roadmap estimate
  widget modal banner toast tooltip sidebar navbar footer layout theme palette font
  accessibility contrast keyboard screenreader gesture animation viewport breakpoint
  telemetry trace span sampler exporter collector histogram counter gauge percentile
  archive retention purge tombstone compaction vacuum reindex crawler scraper sitemap
  ledger journal voucher receipt statement reconciliation accrual forex sandbox
  courier parcel warehouse picker pallet barcode scanner kiosk terminal printer
`);

export const VERBS = words(`
  validate store return send create update delete read process handle check verify
  record log reject accept retry cache refresh rotate expire revoke issue sign encrypt
  decrypt hash index search rank filter sort paginate export import sync merge resolve
  notify alert escalate assign approve review publish subscribe consume produce queue
  schedule cancel pause resume archive restore purge migrate rollback deploy release
  monitor trace measure sample aggregate report display render preview upload download
  compress decompress stream batch throttle limit debounce deduplicate normalize
  sanitize escape parse serialize deserialize transform enrich redact mask anonymize
  reconcile settle refund charge authorize capture void invoice bill allocate reserve
  provision deprovision enroll onboard invite suspend reactivate lock unlock reset
  replicate shard partition compact vacuum reindex warm evict prefetch snapshot
  checkpoint quarantine sandbox whitelist blacklist federate delegate impersonate
`);

export const ADJECTIVES = words(`
  new existing active expired invalid valid pending failed current previous default
  custom internal external public private secure encrypted shared unique duplicate
  stale fresh partial complete large small recent legacy optional required primary
  secondary temporary permanent manual automatic scheduled delayed concurrent parallel
  sequential idempotent atomic consistent eventual transient persistent offline online
  remote local global regional multi single bulk incremental full empty missing
  corrupted orphaned archived deleted suspended locked verified unverified trusted
  untrusted anonymous authenticated authorized premium enterprise trial annual monthly
  daily hourly weekly realtime async sync readonly writable mutable immutable nested
  flat hierarchical sparse dense cold hot warm granular coarse verbose quiet
`);

/** Product areas; each is a folder under `.sdd/specs/` and the spec's `domain`. */
export const DOMAINS = ['auth', 'billing', 'search', 'payments', 'notifications', 'accounts', 'storage', 'analytics', 'reporting', 'onboarding', 'admin', 'integrations'];

export const TAGS = ['api', 'security', 'performance', 'compliance', 'ux', 'migration', 'observability', 'mobile', 'backend', 'frontend', 'infra', 'data', 'privacy', 'reliability', 'cost', 'accessibility', 'i18n', 'gdpr', 'sla', 'tech-debt'];

const FIRST_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'niaj', 'olivia', 'peggy', 'rupert', 'sybil', 'trent', 'uma', 'victor', 'wendy', 'xavier', 'yara', 'zoe', 'amir', 'bea', 'chen', 'dara', 'emeka', 'fatima', 'goran'];
const LAST_NAMES = ['smith', 'jones', 'garcia', 'muller', 'rossi', 'nguyen', 'kim', 'okafor', 'silva', 'novak', 'tanaka', 'dubois'];

/** Spec owners: a few dozen people, drawn by Zipf so some own many specs. */
export const OWNERS = FIRST_NAMES.flatMap((f, i) => [`${f}.${LAST_NAMES[i % LAST_NAMES.length]}@example.com`, `${f}.${LAST_NAMES[(i * 7 + 3) % LAST_NAMES.length]}@example.org`]).slice(0, 48);

export const RFC2119_WEIGHTS = { MUST: 50, SHOULD: 25, MAY: 12, 'MUST NOT': 13 };

export const STATUS_WEIGHTS = { draft: 30, review: 20, approved: 25, implemented: 20, deprecated: 5 };

/** Every distinct word the prose is built from (for reporting the vocabulary size). */
export function vocabularySize() {
  return new Set([...NOUNS, ...VERBS, ...ADJECTIVES, RARE_TERM]).size;
}

function words(text) {
  const seen = new Set();
  for (const w of text.split(/\s+/)) {
    if (!w) continue;
    if (!/^[a-z]+$/.test(w)) throw new Error(`vocabulary word must be lower-case letters: ${w}`);
    if (w.includes(RARE_TERM)) throw new Error(`vocabulary must not contain the rare term: ${w}`);
    seen.add(w);
  }
  return [...seen];
}
