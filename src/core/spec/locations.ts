import fs from 'node:fs';
import path from 'node:path';
import { YamlLocator, type Position } from '../shared/yaml-locate.js';
import type { Spec } from './parse.js';
import { splitFrontMatter } from './front-matter.js';

export type { Position } from '../shared/yaml-locate.js';

/**
 * Finds key positions in spec files, parsing a file's YAML with positions only when a finding
 * needs one (most files have none, and position-aware parsing is the slow kind).
 */
export class Locations {
  private readonly cache = new Map<string, { locator: YamlLocator; offset: number } | null>();
  constructor(private readonly root: string) {}

  at(spec: Spec, keyPath: Array<string | number>): Position {
    let entry = this.cache.get(spec.file);
    if (entry === undefined) {
      entry = this.load(spec);
      this.cache.set(spec.file, entry);
    }
    if (!entry) return { line: 1, column: 1 };
    const pos = entry.locator.locate(keyPath);
    return { line: pos.line + entry.offset, column: pos.column };
  }

  private load(spec: Spec): { locator: YamlLocator; offset: number } | null {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.root, spec.file), 'utf8');
    } catch {
      return null;
    }
    if (spec.format === 'yaml') return { locator: new YamlLocator(text), offset: 0 };
    const block = splitFrontMatter(text);
    if (!block) return null;
    return { locator: new YamlLocator(text.slice(block.start, block.end)), offset: block.lineOffset };
  }
}

