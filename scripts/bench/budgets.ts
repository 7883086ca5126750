/**
 * Issue 14's budgets (and issue 12's background-job budgets), each judged with 20%
 * tolerance for machine noise: within budget passes, a miss of at most 20% is reported
 * but passes, a larger miss fails the bench (a non-zero exit).
 */
import { fixed, printTable } from './table';

export const TOLERANCE = 0.2;

export interface Check {
  budget: string;
  /** The measured value; null when the case did not run or could not measure it. */
  value: number | null;
  unit: string;
  limit: number;
  /** `min`: at least the limit (throughput); `max`: at most the limit (latency, memory, ratios). */
  kind: 'min' | 'max';
  digits?: number;
}

export type Verdict = 'pass' | 'within 20%' | 'FAIL' | 'not measured';

export function verdictOf(check: Check): Verdict {
  const { value, limit, kind } = check;
  if (value === null) return 'not measured';
  if (kind === 'min')
    return value >= limit ? 'pass' : value >= limit * (1 - TOLERANCE) ? 'within 20%' : 'FAIL';
  return value <= limit ? 'pass' : value <= limit * (1 + TOLERANCE) ? 'within 20%' : 'FAIL';
}

/** Prints the final table; true when no budget failed. */
export function printBudgets(checks: readonly Check[], judgedOn: string): boolean {
  console.log(`\nbudgets (judged on ${judgedOn}; a miss of more than 20% fails)\n`);
  const rows = checks.map((check) => {
    const verdict = verdictOf(check);
    const sign = check.kind === 'min' ? '≥' : '≤';
    return [
      check.budget,
      `${sign} ${check.limit} ${check.unit}`.trim(),
      check.value !== null && Number.isFinite(check.value)
        ? `${fixed(check.value, check.digits ?? 0)} ${check.unit}`.trim()
        : fixed(check.value),
      verdict,
    ];
  });
  printTable(['budget', 'limit', 'measured', 'verdict'], rows);
  return checks.every((check) => verdictOf(check) !== 'FAIL');
}
