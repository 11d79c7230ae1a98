// Hover Markdown has to read well rendered and raw (Vim, Emacs without
// markdown-mode show it as typed): escapes only where the rendering would
// change, link targets moved to the end, quotes never doubled.

import assert from 'node:assert/strict';
import { quoted } from '../../server/src/features/commands';
import { escape, referenceLinks } from '../../server/src/features/hover';

describe('hover Markdown', () => {
  it('leaves underscores inside words and brackets that form no link as they are', () => {
    assert.equal(escape('seeds/000_b5026f04b527744f.txt'), 'seeds/000_b5026f04b527744f.txt');
    assert.equal(escape('the stated objectives [of the Israeli government] which'), 'the stated objectives [of the Israeli government] which');
  });

  it('escapes what would render differently: emphasis, code, HTML, links and our reference numbers', () => {
    assert.equal(escape('_emphasis_ and *stars* and `code`'), '\\_emphasis\\_ and \\*stars\\* and \\`code\\`');
    assert.equal(escape('<b>bold</b>'), '\\<b\\>bold\\</b\\>');
    assert.equal(escape('see [here](http://x) and [1]'), 'see \\[here\\](http://x) and \\[1\\]');
    assert.equal(escape('# not a heading'), '\\# not a heading');
  });

  it('moves file links to numbered definitions at the end, one per target', () => {
    const value = '- [a.txt](file:///s/a.txt#L2): x\n- [b.txt](file:///s/b.txt): y\n- [a.txt](file:///s/a.txt#L2): z';
    assert.equal(referenceLinks(value), '- [a.txt][1]: x\n- [b.txt][2]: y\n- [a.txt][1]: z\n\n[1]: file:///s/a.txt#L2\n[2]: file:///s/b.txt');
    assert.equal(referenceLinks('no links'), 'no links');
  });

  it('quotes a passage once, whatever quotation marks it has at its ends', () => {
    assert.equal(quoted('plain words'), '"plain words"');
    assert.equal(quoted('"Quoted," he said.'), '"Quoted," he said.');
    assert.equal(quoted('“Curly” opening'), '“Curly” opening');
    assert.equal(quoted('He said "this"'), '“He said "this"”');
  });
});
