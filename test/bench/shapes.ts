// Pathological text shapes: articles crafted to be slow. Each builds a text
// of about `bytes` characters by repeating one unit, so doubling the size
// doubles the input. The bench times them at 1×/2×/4×, the unit tests count
// operations on them.

import type { Format } from '../../server/src/analysis/types';

export interface Shape {
  name: string;
  format: Format;
  make(bytes: number): string;
}

const repeat = (unit: string, bytes: number, head = '', tail = '') => head + unit.repeat(Math.max(1, Math.floor((bytes - head.length - tail.length) / unit.length))) + tail;

export const SHAPES: Shape[] = [
  { name: 'numbers without sentence ends ("1,400 " …)', format: 'plaintext', make: (n) => repeat('1,400 ', n, 'Officials said ') },
  { name: 'dashed numbers ("10-" …)', format: 'plaintext', make: (n) => repeat('10-', n) },
  {
    name: 'Markdown table',
    format: 'markdown',
    make: (n) => repeat('| Beirut | 1,400 people | killed in 3 strikes |\n', n, '# Table\n\n| City | Figure | Note |\n| --- | --- | --- |\n'),
  },
  { name: 'list items', format: 'markdown', make: (n) => repeat('- The strike killed 14 people in Tyre\n', n, '# List\n\n') },
  { name: 'nested blockquote lines', format: 'markdown', make: (n) => repeat('> > > The ministry said 1,400 people were killed\n', n) },
  { name: 'ellipsis runs ("... ")', format: 'plaintext', make: (n) => repeat('... ', n, 'He said ') },
  { name: 'CR-only line ends', format: 'plaintext', make: (n) => repeat('The ministry said 1,400 people were killed\r', n) },
  { name: 'right-to-left text', format: 'plaintext', make: (n) => repeat('قالت الوزارة إن 1,400 شخص قتلوا ', n) },
  { name: 'zero-width joiners', format: 'plaintext', make: (n) => repeat('1\u200d4\u200d0\u200d0 people\u200d ', n) },
  { name: 'blank lines', format: 'plaintext', make: (n) => repeat('\n', n, 'Headline\n') },
  { name: 'one long word', format: 'plaintext', make: (n) => repeat('a', n, 'The word ') },
];
