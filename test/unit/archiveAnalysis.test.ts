// The analysis against an archive's people (archive/view.ts archiveAnalysis):
// the archive answers only the names asked, so a name the analysis asks
// about only once another is answered must be read in a further round.

import assert from 'node:assert/strict';
import { PeopleIndex } from '../../server/src/analysis/officials';
import type { ArchiveStore } from '../../server/src/archive/store';
import { archiveAnalysis } from '../../server/src/archive/view';

describe('analysis against the archive people', () => {
  it('asks again about the names an answer leads the analysis to, until it asks nothing new', async () => {
    const everyone = new PeopleIndex();
    everyone.add('Dana Whitcombe', 'Harbor Master');
    everyone.add('Lena Ortiz', 'Mayor');
    const reads: string[][] = [];
    // A store that answers exactly the names asked, as the archive does.
    const store = {
      people: async (names: string[]) => {
        reads.push([...names].sort());
        const index = new PeopleIndex();
        for (const n of names) {
          const p = everyone.resolve(n);
          if (p) index.add(p.name, p.titles[0]);
        }
        return index;
      },
    } as unknown as ArchiveStore;
    // Ortiz is asked about only once Whitcombe is known.
    const result = await archiveAnalysis(store, (people) => {
      const w = people.resolve('Whitcombe');
      return [w?.name, w ? people.resolve('Ortiz')?.name : undefined];
    });
    assert.deepEqual(result, ['Dana Whitcombe', 'Lena Ortiz']);
    assert.deepEqual(reads, [['Whitcombe'], ['Ortiz', 'Whitcombe']]);
  });
});
