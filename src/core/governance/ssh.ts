import { readProjectFile } from '../shared/read-file.js';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SddError } from '../shared/errors.js';
import { SIGNATURE_NAMESPACE } from './record.js';

/**
 * SSH signatures through OpenSSH's own `ssh-keygen -Y`, the same mechanism git uses for
 * `gpg.format=ssh`: no crypto of our own, keys people already have, verifiable by anyone offline.
 */

export type Verification =
  | { ok: true }
  | { ok: false; reason: 'bad-signature' | 'unknown-key' | 'no-allowed-signers' | 'ssh-keygen-missing'; message: string };

let scratch: string | undefined;
function scratchDir(): string {
  if (!scratch) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sdd-sig-'));
    const dir = scratch;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return scratch;
}

let counter = 0;
function tempFile(name: string, content: string | Buffer): string {
  const file = path.join(scratchDir(), `${++counter}-${name}`);
  fs.writeFileSync(file, content, { mode: 0o600 });
  return file;
}

/**
 * Runs ssh-keygen; null when it cannot be started here (not installed, not on PATH, not
 * executable): that says nothing about any signature, only about this machine.
 */
function sshKeygen(args: string[], input: Buffer) {
  const r = spawnSync('ssh-keygen', args, { input, encoding: 'buffer', windowsHide: true });
  if (r.error && ['ENOENT', 'EACCES', 'ENOTDIR', 'EPERM'].includes((r.error as NodeJS.ErrnoException).code ?? '')) return null;
  return r;
}

/**
 * The error for a machine without ssh-keygen. Verification cannot happen here, so the run fails
 * (exit 2) rather than passing or blaming the decision files, which may be perfectly sound.
 */
export function sshKeygenMissing(): SddError {
  return new SddError('ssh_keygen_missing', 'Signatures cannot be verified here: ssh-keygen (OpenSSH) is not installed or not on PATH', {
    fix: 'Install OpenSSH (e.g. `apt-get install openssh-client`, `apk add openssh-keygen`, or Git for Windows), then run the command again.',
  });
}

/**
 * Resolves the key to sign with: `--key`, else git's `user.signingkey` (a path, `~/` allowed, or
 * a literal `key::ssh-… ` public key whose private half is in ssh-agent).
 */
export function signingKeyFile(explicit: string | undefined, gitSigningKey: string | undefined, cwd: string): string {
  const raw = explicit ?? gitSigningKey;
  if (!raw) {
    throw new SddError('signing_key_missing', 'No SSH key to sign the decision with', {
      fix: 'Pass --key <path to a private SSH key>, or run `git config user.signingkey ~/.ssh/id_ed25519`. To record unsigned decisions, set `approvals: {require_signature: false}` in .sdd/config.yaml.',
    });
  }
  if (raw.startsWith('key::')) return tempFile('signing-key.pub', raw.slice('key::'.length).trim() + '\n');
  const file = raw.startsWith('~/') ? path.join(os.homedir(), raw.slice(2)) : path.resolve(cwd, raw);
  if (!fs.existsSync(file)) {
    throw new SddError('signing_key_missing', `The signing key ${file} does not exist`, {
      target: { file: explicit ? raw : 'git config user.signingkey' },
      fix: 'Point --key (or git config user.signingkey) at an SSH private key, e.g. ~/.ssh/id_ed25519.',
    });
  }
  return file;
}

// @sdd approvals/GOV-002
/** Signs `data`, returning the armored signature. */
export function sign(data: Buffer, keyFile: string): string {
  const r = sshKeygen(['-Y', 'sign', '-n', SIGNATURE_NAMESPACE, '-f', keyFile], data);
  if (!r) {
    throw new SddError('ssh_keygen_missing', 'Decisions cannot be signed here: ssh-keygen (OpenSSH) is not installed or not on PATH', {
      fix: 'Install OpenSSH (e.g. `apt-get install openssh-client`), or set `approvals: {require_signature: false}` in .sdd/config.yaml.',
    });
  }
  const out = r.stdout.toString('utf8');
  if (r.status !== 0 || !out.includes('BEGIN SSH SIGNATURE')) {
    const why = r.stderr.toString('utf8').trim().split('\n').filter((l) => !/^Signing data on standard input/.test(l)).join(' ');
    throw new SddError('signing_failed', `ssh-keygen could not sign with ${keyFile}: ${why || `exit ${r.status}`}`, {
      fix: 'Check that the key is an SSH private key you can read (or that ssh-agent holds it), and that it has no passphrase prompt in a non-interactive shell.',
    });
  }
  return out.trim();
}

const cache = new Map<string, Verification>();

// @sdd approvals/GOV-002
/**
 * Checks that `signature` is a valid signature of `data` by a key that `allowedSigners` lists for
 * `principal` in the sdd-approval namespace. A valid signature by a key the file does not list
 * for that principal is `unknown-key`; anything else wrong is `bad-signature`.
 */
export function verify(data: Buffer, signature: string, principal: string, allowedSignersFile: string, store?: Map<string, Verification>): Verification {
  if (!fs.existsSync(allowedSignersFile)) {
    return { ok: false, reason: 'no-allowed-signers', message: 'there is no .sdd/allowed_signers to verify signatures against' };
  }
  const signersText = readProjectFile(allowedSignersFile, '.sdd/allowed_signers');
  if (signersText === null) {
    return { ok: false, reason: 'no-allowed-signers', message: 'there is no .sdd/allowed_signers to verify signatures against' };
  }
  // The verdict depends on exactly these inputs, so it can be remembered (e.g. in the index).
  const key = crypto.createHash('sha256').update(JSON.stringify([data.toString('base64'), signature, principal, signersText.toString('base64')])).digest('hex');
  const known = cache.get(key) ?? store?.get(key);
  if (known) return known;
  const sigFile = tempFile('decision.sig', signature.trim() + '\n');
  const r = sshKeygen(['-Y', 'verify', '-f', allowedSignersFile, '-I', principal, '-n', SIGNATURE_NAMESPACE, '-s', sigFile], data);
  let result: Verification;
  if (!r) {
    fs.rmSync(sigFile, { force: true });
    throw sshKeygenMissing();
  }
  if (r.status === 0) {
    result = { ok: true };
  } else {
    // Is the signature itself sound (just not by a key listed for this principal)?
    const check = sshKeygen(['-Y', 'check-novalidate', '-n', SIGNATURE_NAMESPACE, '-s', sigFile], data);
    result = check && check.status === 0
      ? { ok: false, reason: 'unknown-key', message: `the signing key is not listed for ${principal} in .sdd/allowed_signers` }
      : { ok: false, reason: 'bad-signature', message: 'the signature does not match the record (or is not an sdd-approval signature)' };
  }
  fs.rmSync(sigFile, { force: true });
  // ssh-keygen missing says nothing about the record: never remember it.
  if (!(!result.ok && result.reason === 'ssh-keygen-missing')) {
    cache.set(key, result);
    store?.set(key, result);
  }
  return result;
}
