/**
 * What sdd takes for an email address (a principal, a reviewer, a team member): something@something
 * with no blanks or angle brackets, so that `Name <a@b>` is refused rather than half-read. The
 * same pattern is written in schemas/access.schema.json (a test keeps the two equal).
 */
export const EMAIL_RE = /^[^\s@<>]+@[^\s@<>]+$/;

export function isEmail(text: string): boolean {
  return EMAIL_RE.test(text);
}
