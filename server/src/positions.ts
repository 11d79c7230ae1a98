// The one place where offsets become line/character positions and back.
// Analysis speaks offsets; LSP and the CLI speak lines and columns.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a line break belongs to the end of its line (as LSP text documents place it).
    let at = o;
    while (at > this.starts[lo] && (this.text.charCodeAt(at - 1) === 10 || this.text.charCodeAt(at - 1) === 13)) at--;
    return { line: lo, character: at - this.starts[lo] };
  }

  /** A character past the end of its line means the end of the line, before its line break (as LSP says). */
  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const lineStart = this.starts[p.line];
    let lineEnd = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    if (lineEnd > lineStart && this.text.charCodeAt(lineEnd - 1) === 10) lineEnd--;
    if (lineEnd > lineStart && this.text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    return Math.max(lineStart, Math.min(lineStart + Math.max(0, p.character), lineEnd));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
