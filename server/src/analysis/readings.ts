// How each reading turns a stated number into an interval, in words, for
// hovers and messages. The arithmetic is in numbers.ts.

import { formatNumber } from './numbers.js';
import type { Figure, Reading } from './types.js';

export const READINGS: Record<Reading, string> = {
  exact: 'exact count',
  rounded: 'a round number: within half a rounding step (at most 10%)',
  above: 'a floor: from the number up to its next rounding step',
  atLeast: 'a floor: from the number up to its next rounding step',
  below: 'a ceiling: from one rounding step below up to the number',
  approx: 'an approximation: a rounding step either side (at least 10%)',
  under: 'a ceiling with no floor',
  floor: 'a floor with no ceiling',
  range: 'a stated range',
  vague: 'a vague amount: the span the word usually covers',
};

/** "more than 1,400" → "1,400–1,500" */
export function describeInterval(f: Pick<Figure, 'low' | 'high'>): string {
  if (f.low === f.high) return formatNumber(f.low);
  if (f.low === null) return `up to ${formatNumber(f.high)}`;
  if (f.high === null) return `at least ${formatNumber(f.low)}`;
  return `${formatNumber(f.low)}–${formatNumber(f.high)}`;
}
