/** Statuses that claim the spec was approved, so approval rules hold them to it. */
export function statusNeedsApproval(status: string): boolean {
  return status === 'approved' || status === 'implemented';
}
