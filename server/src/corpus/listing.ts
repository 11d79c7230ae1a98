// Which files of the corpus roots are sources: a walk of each folder (or the
// one file a root names), files with a source extension that match the
// root's glob, links to files only where the workspace's boundary admits
// them. Whatever stops a folder or a file from being listed is one problem
// line, and listing goes on with the rest.

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { relativePath } from '../paths.js';
import { isFile, literalName, SOURCE_EXT_RE, type MatchedRoot } from './roots.js';
import { walk, walkSync, type WalkLimits, type WalkOptions, type WalkResult } from './walk.js';

export interface CorpusProblem {
  path: string;
  message: string;
  severity: 'warning' | 'info';
}

/** Folders no one keeps articles in, and that can be huge. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export interface ListingOptions {
  /** Whether a file may be read (an untrusted workspace's boundary, judged on real paths). */
  admits?: (path: string) => boolean;
  /** Limits of the folder walks (WALK_LIMITS by default). */
  walkLimits?: Partial<WalkLimits>;
}

export class SourceLister {
  constructor(
    /** Where problems go (the corpus's own list, in the order they are met). */
    private readonly problems: CorpusProblem[],
    private readonly options: ListingOptions,
  ) {}

  /** The source files of a root, on this thread. */
  list(root: MatchedRoot): string[] {
    const file = literalName(root.pattern);
    if (file !== undefined) return this.namedFile(root.folder, file);
    if (!this.isFolder(root.folder)) return [];
    return this.listed(root.folder, walkSync(root.folder, this.walkOptions(root)));
  }

  /** The source files of a root, reading folders without blocking. */
  async listAsync(root: MatchedRoot, signal?: AbortSignal, onFound?: (n: number) => void): Promise<string[]> {
    const file = literalName(root.pattern);
    if (file !== undefined) return this.namedFile(root.folder, file);
    if (!this.isFolder(root.folder)) return [];
    return this.listed(root.folder, await walk(root.folder, { ...this.walkOptions(root, signal), onFound }));
  }

  /** Whether a file may be read; a refusal is reported once per load. */
  admitted(path: string): boolean {
    if (!this.options.admits || this.options.admits(path)) return true;
    this.problems.push({ path, message: `Skipped source ${path}: it links to a file outside the workspace, which is not trusted`, severity: 'info' });
    return false;
  }

  private walkOptions(root: MatchedRoot, signal?: AbortSignal): WalkOptions {
    const { folder, matches } = root;
    return {
      limits: this.options.walkLimits,
      signal,
      enter: (name) => !SKIP_DIRS.has(name) && !name.startsWith('.'),
      accept: (e, path) => {
        if (!SOURCE_EXT_RE.test(e.name)) return false;
        if (matches && !matches(relativePath(folder, path))) return false;
        // Folders walked are real (links to folders are not followed); a link to a file may point anywhere.
        return !e.isSymbolicLink() || this.admitted(path);
      },
    };
  }

  /** Whether a source folder can be listed; says why not otherwise. */
  private isFolder(folder: string): boolean {
    let stat;
    try {
      stat = statSync(folder);
    } catch {
      this.problems.push({ path: folder, message: `Source folder ${folder} does not exist`, severity: 'warning' });
      return false;
    }
    if (!stat.isDirectory()) {
      this.problems.push({ path: folder, message: `Source folder ${folder} is not a folder`, severity: 'warning' });
      return false;
    }
    return true;
  }

  private listed(folder: string, r: WalkResult): string[] {
    for (const u of r.unreadable) this.problems.push({ path: u.path, message: `Cannot read folder ${u.path}: ${u.message}`, severity: 'warning' });
    if (r.limited) this.problems.push({ path: folder, message: `Stopped listing ${folder}: ${r.limited}; the sources found so far are used (${r.files.length} files)`, severity: 'warning' });
    return r.files;
  }

  /** A single named file needs no walk of the folder it is in (which may be a whole home folder). */
  private namedFile(folder: string, file: string): string[] {
    const path = join(folder, file);
    if (!isFile(path)) this.problems.push({ path, message: `Source file ${path} does not exist`, severity: 'warning' });
    else if (!SOURCE_EXT_RE.test(path)) this.problems.push({ path, message: `Source file ${path} is not a .txt, .md, .markdown, .html or .htm file`, severity: 'warning' });
    else if (this.admitted(path)) return [path];
    return [];
  }
}
