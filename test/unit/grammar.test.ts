// The TextMate grammars, run by VS Code's own tokenizer (vscode-textmate).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

async function loadArticleGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const byScope = new Map<string, string>(pkg.contributes.grammars.map((g: { scopeName: string; path: string }) => [g.scopeName, join(ROOT, g.path)]));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      const path = byScope.get(scope);
      return path ? parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
  });
  return (await registry.loadGrammar('text.claimlens.article'))!;
}

describe('TextMate grammar', () => {
  let grammar: IGrammar;
  before(async () => {
    grammar = await loadArticleGrammar();
  });

  const scopesOf = (line: string) => {
    const { tokens } = grammar.tokenizeLine(line, INITIAL);
    return tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.at(-1)]);
  };

  it('is registered for plain text, and injected into Markdown', () => {
    const grammars = pkg.contributes.grammars;
    assert.ok(grammars.some((g: { language?: string }) => g.language === 'plaintext'));
    assert.ok(grammars.some((g: { injectTo?: string[] }) => g.injectTo?.includes('text.html.markdown')));
  });

  it('scopes numerals, number words and qualifiers', () => {
    const scopes = scopesOf('Strikes killed more than 1,400 people and $412 million in damage, and four troops.');
    assert.ok(scopes.some(([t, s]) => t === '1,400' && s === 'constant.numeric.claimlens'));
    assert.ok(scopes.some(([t, s]) => t === '$412' && s === 'constant.numeric.claimlens'));
    assert.ok(scopes.some(([t, s]) => t === 'more than' && s === 'keyword.other.qualifier.claimlens'));
    assert.ok(scopes.some(([t, s]) => t === 'four' && s === 'constant.numeric.word.claimlens'));
  });

  it('scopes straight and curly quotes', () => {
    const curly = scopesOf('“We believe Rafah should reopen,” she said.');
    assert.ok(curly.some(([t, s]) => t === 'We believe Rafah should reopen,' && s === 'string.quoted.double.claimlens'));
    const straight = scopesOf('Miller said the US was "acutely aware" of it.');
    assert.ok(straight.some(([t, s]) => t === 'acutely aware' && s === 'string.quoted.double.claimlens'));
  });

  it('leaves identifiers alone', () => {
    const scopes = scopesOf('The F-16 and the G7 met.');
    assert.ok(!scopes.some(([, s]) => s === 'constant.numeric.claimlens'));
  });
});
