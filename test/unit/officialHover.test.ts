// An official's hover says what the sources say of the person, and says so
// plainly when a backend that reads records in part could not complete one
// (the archive went away between the check and the hover).

import assert from 'node:assert/strict';
import { Corpus } from '../../server/src/corpus/corpus';
import type { PersonRecord } from '../../server/src/corpus/people';
import { checkArticle } from '../../server/src/engine';
import { officialHover } from '../../server/src/features/hover';
import { LineIndex } from '../../server/src/positions';
import type { Entry } from '../../server/src/session';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

describe("an official's hover", () => {
  let dir: string;
  let corpus: Corpus;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimlens-hover-'));
    writeFileSync(join(dir, 'harbor.txt'), 'Harbor Master Dana Whitcombe said the cranes would restart by Friday.\n');
    writeFileSync(join(dir, 'followup.txt'), 'Harbor Master Dana Whitcombe said on Friday that the cranes were working again.\n');
    corpus = new Corpus();
    corpus.load([dir]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const entryWith = (text: string, person: (name: string) => PersonRecord | undefined): Entry => {
    const result = checkArticle(text, { corpus, format: 'plaintext' });
    return { uri: 'file:///draft.txt', version: 1, ignoredKey: '', text, lines: new LineIndex(text), result, corpus: Object.assign(Object.create(corpus), { person }) };
  };
  const text = 'Harbor Master Dana Whitcombe said the terminal reopens on Monday.\n';

  it('counts the mentions and sources of a whole record', () => {
    const entry = entryWith(text, (n) => corpus.person(n));
    const o = entry.result.analysis.officials[0];
    assert.match(officialHover(entry, o), /\*In the sources:\* 2 mentions in 2 sources/);
  });

  it('says the mentions could not be read for a record read in part and never completed', () => {
    const entry = entryWith(text, (n) => {
      const whole = corpus.person(n);
      return whole && { ...whole, mentions: [], quotes: [] };
    });
    const hover = officialHover(entry, entry.result.analysis.officials[0]);
    assert.match(hover, /\*In the sources:\* named; their mentions could not be read/);
    assert.match(hover, /\*Titles in the sources:\* Harbor Master/);
    assert.doesNotMatch(hover, /0 mentions/);
  });
});
