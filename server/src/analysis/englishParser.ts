// parse-english with a faster first step. Profiling showed about 40% of a
// parse in parse-latin's `tokenize`, which tests three large regular
// expressions against every character. This subclass asks the library's own
// `tokenize` how it classifies each code unit, remembers the answer, and
// then runs the same loop; every plugin (initialisms, abbreviations, implicit
// sentence breaks, …) is the library's. The trees are identical (a property
// test compares them with parse-english's on random text).

import type { Paragraph, Root, Sentence as NlcstSentence, SentenceContent } from 'nlcst';
import { ParseEnglish } from 'parse-english';
import type { Plugin, Processor } from 'unified';

type Kind = SentenceContent['type'];

// One slot per UTF-16 code unit: parse-latin classifies `value.charAt(i)`,
// so a code unit's class never depends on its neighbours.
const KINDS: Kind[] = ['WhiteSpaceNode', 'PunctuationNode', 'WordNode', 'SymbolNode'];
const WORD = 3;
const WHITE = 1;
const known = new Uint8Array(65536);

// parse-latin's `breakImplicitSentences` splits the text of every white space
// inside a sentence with a regular expression, looking for two line breaks;
// the whole text is one paragraph at that point, but a sentence seldom holds
// such white space (blank lines end sentences earlier), yet that test cost a
// twentieth of the analysis. The same plugin runs, but only on paragraphs
// where some white space inside a sentence holds two line breaks. It is the
// tenth of parse-latin's paragraph plugins.
type ParagraphPlugin = (node: Paragraph) => void;
const latinParagraphPlugins = (Object.getPrototypeOf(ParseEnglish.prototype) as { tokenizeParagraphPlugins: ParagraphPlugin[] }).tokenizeParagraphPlugins;
const breakImplicitSentences = latinParagraphPlugins[9];

function mayBreakImplicitly(paragraph: Paragraph): boolean {
  for (const sentence of paragraph.children) {
    if (sentence.type !== 'SentenceNode') continue;
    for (const node of sentence.children) {
      if (node.type === 'WhiteSpaceNode' && lineBreaks(node.value) >= 2) return true;
    }
  }
  return false;
}

/** How many line breaks (CR LF, CR or LF) the text holds: one less than the plugin's `split(/\r\n|\r|\n/).length`. */
function lineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 13) {
      count++;
      if (s.charCodeAt(i + 1) === 10) i++;
    } else if (c === 10) count++;
  }
  return count;
}

const guardedBreakImplicitSentences: ParagraphPlugin = (paragraph) => {
  if (mayBreakImplicitly(paragraph)) breakImplicitSentences(paragraph);
};

// The sentence plugins run once over a whole chunk of text, one node at a
// time, and cost more than the tokenizer. Four of them act only on nodes
// made of certain characters ("&", "/", "-", an apostrophe) in certain
// places; where the text holds no such character in such a place they cannot
// change the tree, and are not run. The tests below are looser than the
// plugins' own: a letter or digit of ASCII always makes a word node, so a
// character with one on the side a plugin needs to be no word is skipped.
type SentencePlugin = (node: NlcstSentence) => void;
const englishSentencePlugins = (ParseEnglish.prototype as unknown as { tokenizeSentencePlugins: SentencePlugin[] }).tokenizeSentencePlugins;
const latinSentencePlugins = (Object.getPrototypeOf(ParseEnglish.prototype) as { tokenizeSentencePlugins: SentencePlugin[] }).tokenizeSentencePlugins;
/** Each skippable plugin with the characters one of which a node must be for it to act. */
const TRIGGERS = new Map<SentencePlugin, RegExp>([
  // mergeEnglishElisionExceptions: "w/" and elided words ("'n'", "’tis"); an
  // apostrophe between two words ("Israel's") is never one.
  [englishSentencePlugins[0], /\/|(?<![A-Za-z0-9])['’]|['’](?![A-Za-z0-9])/],
  // mergeInitialWordSymbol: "&" before a word.
  [latinSentencePlugins[0], /&/],
  // mergeFinalWordSymbol: "-" after a word and before no word ("pre- and post-war").
  [latinSentencePlugins[1], /-(?![A-Za-z0-9])/],
  // mergeInitialisms: a full stop after a word that ends in a full stop and one character ("U.S.", "e.g.").
  [latinSentencePlugins[4], /\.[^.]\./],
  // mergeInnerWordSlash: "/" between short words.
  [latinSentencePlugins[3], /\//],
]);

export class FastParseEnglish extends ParseEnglish {
  constructor(doc?: string | null) {
    super(doc);
    this.tokenizeParagraphPlugins = this.tokenizeParagraphPlugins.map((p) => (p === breakImplicitSentences ? guardedBreakImplicitSentences : p));
  }

  override tokenizeSentence(value?: string | null): NlcstSentence {
    const all = this.tokenizeSentencePlugins;
    const text = value ?? '';
    this.tokenizeSentencePlugins = all.filter((p) => !TRIGGERS.get(p) || TRIGGERS.get(p)!.test(text));
    try {
      return super.tokenizeSentence(value);
    } finally {
      this.tokenizeSentencePlugins = all;
    }
  }

  override tokenize(value?: string | null): SentenceContent[] {
    const children: SentenceContent[] = [];
    if (!value) return children;
    let line = 1;
    let column = 1;
    let start = { line, column, offset: 0 };
    let from = 0;
    let previousKind = 0;
    let previous = -1;
    const n = value.length;
    for (let index = 0; index <= n; index++) {
      const c = index < n ? value.charCodeAt(index) : -1;
      const kind = c < 0 ? 0 : known[c] || this.learn(c);
      // Words and white space continue; so does a repeated punctuation or symbol character, or a surrogate half.
      const continues = previousKind === kind && (kind === WORD || kind === WHITE || c === previous || (c >= 0xd800 && c <= 0xdfff));
      if (from < index && !continues) {
        const text = value.slice(from, index);
        // No plugin changes a point, only which point a position holds, so
        // nodes share them: a node's end is the next node's start.
        const end = { line, column, offset: index };
        children.push(
          previousKind === WORD
            ? { type: 'WordNode', children: [{ type: 'TextNode', value: text, position: { start, end } }], position: { start, end } }
            : ({ type: KINDS[previousKind - 1], value: text, position: { start, end } } as SentenceContent),
        );
        from = index;
        start = end;
      }
      if (c === 13 || (c === 10 && previous !== 13)) {
        line++;
        column = 1;
      } else if (c !== 10) column++;
      previousKind = kind;
      previous = c;
    }
    return children;
  }

  /** Classifies one code unit the way the library does, once. */
  private learn(c: number): number {
    const [node] = super.tokenize(String.fromCharCode(c));
    return (known[c] = KINDS.indexOf(node.type) + 1);
  }
}

/**
 * A unified plugin used after retext-english: the same parser, with the
 * nlcst extension points retext plugins register, but the faster tokenizer.
 */
export const fastTokenizer: Plugin<[], Root> = function (this: Processor) {
  const self = this;
  self.parser = (doc: string) => {
    const parser = new FastParseEnglish();
    parser.tokenizeParagraphPlugins.unshift(...((self.data('nlcstParagraphExtensions') as []) ?? []));
    parser.tokenizeRootPlugins.unshift(...((self.data('nlcstRootExtensions') as []) ?? []));
    parser.tokenizeSentencePlugins.unshift(...((self.data('nlcstSentenceExtensions') as []) ?? []));
    return parser.parse(doc);
  };
};
