import { it } from 'node:test';
import { testRule, md, assertStableFingerprints } from '../../helpers/rules.js';
import { ACCESS, allowedSigners, people, record, recordFiles, signed } from '../../helpers/governance.js';

const id = 'approval-suspect-dependency';
const p = people();
const base = { '.sdd/access.yml': ACCESS, '.sdd/allowed_signers': allowedSigners(p.bob, p.carol) };
const quorum2 = { ...base, '.sdd/access.yml': ACCESS.replace('    contributors:', '    quorum: 2\n    contributors:') };
const body = ['# Checkout', '', '- **REQ-001** The system MUST take payment before shipping.'];
const checkout = (status: string, deps: string[]) => md(['id: checkout', 'title: Checkout', `status: ${status}`, 'domain: core', ...deps], body);
const dep = (name: string, text: string) => md([`id: ${name}`, `title: ${name}`, 'status: approved'], [text]);
const payments = dep('payments', 'Cards only.');
const paymentsNow = dep('payments', 'Cards and bank transfers.');
const tax = dep('tax', 'VAT.');
const taxNow = dep('tax', 'VAT and sales tax.');
const flow = checkout('approved', ['depends_on: [tax, payments]']);
const approval = (of: string, s = p.bob, deps = [payments, tax]) => signed(record({ of, principal: s.email, deps }), s);

// @sdd approvals/GOV-005
testRule(id, {
  valid: [
    { name: 'the dependencies are as approved', specs: { 'checkout.md': flow, 'payments.md': payments, 'tax.md': tax }, files: { ...base, ...recordFiles(approval(flow)) } },
    { name: 'a reformatted dependency is unchanged', specs: { 'checkout.md': flow, 'payments.md': dep('payments', '  Cards\n   only.  '), 'tax.md': tax }, files: { ...base, ...recordFiles(approval(flow)) } },
    { name: 'a dependency\'s status change is no change', specs: { 'checkout.md': flow, 'payments.md': payments.replace('status: approved', 'status: implemented'), 'tax.md': tax }, files: { ...base, ...recordFiles(approval(flow)) } },
    {
      name: 'a newer approval given against the new dependency',
      specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax },
      files: { ...base, ...recordFiles(approval(flow), approval(flow, p.bob, [paymentsNow, tax])) },
    },
    { name: 'a spec in review is not held to its approval', specs: { 'checkout.md': checkout('review', ['depends_on: [tax, payments]']), 'payments.md': paymentsNow, 'tax.md': tax }, files: { ...base, ...recordFiles(approval(checkout('review', ['depends_on: [tax, payments]']))) } },
    { name: 'a dependency that no longer exists is dangling-dependency\'s business', specs: { 'checkout.md': flow, 'tax.md': tax }, files: { ...base, ...recordFiles(approval(flow)) } },
    { name: 'no valid approval: approval-missing reports it', specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax }, files: base },
    { name: 'severity off', severity: 'off', specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax }, files: { ...base, ...recordFiles(approval(flow)) } },
  ],
  invalid: [
    {
      name: 'a flow-list item changed, at the item',
      specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax },
      files: { ...base, ...recordFiles(approval(flow)) },
      errors: [{ message: 'Dependency "payments" changed after this spec was approved', line: 6, column: 19, file: '.sdd/specs/checkout.md', severity: 'warn' }],
    },
    {
      name: 'two changed dependencies in a block list',
      specs: { 'checkout.md': checkout('implemented', ['depends_on:', '  - tax', '  - payments']), 'payments.md': paymentsNow, 'tax.md': taxNow },
      files: { ...base, ...recordFiles(approval(checkout('implemented', ['depends_on:', '  - tax', '  - payments']))) },
      errors: [
        { message: 'Dependency "tax" changed', line: 7, column: 5, file: '.sdd/specs/checkout.md' },
        { message: 'Dependency "payments" changed', line: 8, column: 5, file: '.sdd/specs/checkout.md' },
      ],
    },
    {
      name: 'a lone string, at the key',
      specs: { 'checkout.md': checkout('approved', ['depends_on: payments']), 'payments.md': paymentsNow },
      files: { ...base, ...recordFiles(approval(checkout('approved', ['depends_on: payments']), p.bob, [payments])) },
      errors: [{ message: '"payments"', line: 6, column: 1, file: '.sdd/specs/checkout.md' }],
    },
    {
      name: 'quorum 2: the change counts once, however many approvals it affects',
      specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax },
      files: { ...quorum2, ...recordFiles(approval(flow), approval(flow, p.carol)) },
      errors: [{ message: '"payments"', line: 6, column: 19, file: '.sdd/specs/checkout.md' }],
    },
    {
      name: 'quorum 2: one approval against the new dependency, one against the old',
      specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax },
      files: { ...quorum2, ...recordFiles(approval(flow), approval(flow, p.carol, [paymentsNow, tax])) },
      errors: [{ message: '"payments"', line: 6, column: 19, file: '.sdd/specs/checkout.md' }],
    },
    {
      name: 'a dependency that did not exist when the spec was approved',
      specs: { 'checkout.md': flow, 'payments.md': payments, 'tax.md': tax },
      files: { ...base, ...recordFiles(approval(flow, p.bob, [tax])) },
      errors: [{ message: '"payments"', line: 6, column: 19, file: '.sdd/specs/checkout.md' }],
    },
  ],
});

it('approval-suspect-dependency: fingerprints survive lines added above', () => assertStableFingerprints(id,
  { specs: { 'checkout.md': flow, 'payments.md': paymentsNow, 'tax.md': tax }, files: { ...base, ...recordFiles(approval(flow)) } },
  {
    specs: { 'checkout.md': md(['id: checkout', 'title: Checkout', 'tags: [shop]', 'status: approved', 'domain: core', 'depends_on:', '  - tax', '  - payments'], body), 'payments.md': paymentsNow, 'tax.md': tax },
    files: { ...base, ...recordFiles(approval(flow)) },
  }));
