import { CALLERS, tokenFor } from '../harness/tokens';
import { auditAttendance, auditOutcomes, collect } from '../harness/training-audit';
import { auditCoverage } from '../harness/training-audit-coverage';

/**
 * Issue 14, the training half: an analyst (and an anonymous caller) collects
 * every training, outcome and attendance figure the API publishes on the demo
 * data, states them as linear constraints with integrality, and bounds every
 * count of 1..MIN-1 teachers (or registrations, assessments): none may come
 * out narrower than 0..MIN.
 */

// What a published rate divides by (AUDIT_RATE_BASE=registered audits the code before issue 14).
const BASE = process.env.AUDIT_RATE_BASE === 'registered' ? 'registered' : 'responded';
let analyst: string;

beforeAll(async () => {
  analyst = await tokenFor(CALLERS['government analyst']);
});

describe('the LP auditor on the demo data', () => {
  it('bounds no small outcome count (event, program, district and tier) tighter than 0..MIN', async () => {
    const exposed = await auditOutcomes(await collect(analyst), true);
    expect(exposed).toEqual([]);
  }, 120_000);

  it('bounds no small attendance count tighter than 0..MIN, for the analyst and for an anonymous caller', async () => {
    expect(await auditAttendance(await collect(analyst), BASE)).toEqual([]);
    expect(await auditAttendance(await collect(undefined), BASE)).toEqual([]);
  }, 120_000);

  it('bounds no small coverage count (highest tier, trained) tighter than 0..MIN', async () => {
    expect(await auditCoverage(await collect(analyst))).toEqual([]);
  }, 120_000);
});
