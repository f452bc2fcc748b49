import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every import (type-only ones too: a reader follows them as well) between the files of functions/,
// relative (./x) or by its subpath (#functions/<folder>/<file>, package.json "imports"), as a graph; a
// circle in it is a set of files none of which can be read first.

const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]((?:\.|#functions\/)[^'"]+)['"]/gm;
const SUBPATH = '#functions/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [normalize(path)] : [];
  });
}

function importGraph(root: string): Map<string, string[]> {
  const files = new Set(sourceFiles(root));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].flatMap((m) => {
      const specifier = m[1] ?? '';
      const base = specifier.startsWith(SUBPATH)
        ? normalize(join(root, specifier.slice(SUBPATH.length)))
        : normalize(join(dirname(file), specifier));
      const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => files.has(candidate));
      return found ? [found] : [];
    });
    graph.set(file, targets);
  }
  return graph;
}

/** Sets of two or more files that import one another, round (Tarjan's strongly connected components). */
function importCircles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let next = 0;
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) === index.get(file)) {
      const circle: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        circle.push(member);
      } while (member !== file);
      if (circle.length > 1) circles.push(circle.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return circles;
}

/** The graph between the folders directly under `root` (a folder imports another if any of its files does). */
function folderGraph(files: Map<string, string[]>, root: string): Map<string, string[]> {
  const prefix = `${normalize(root)}/`;
  const folderOf = (file: string) =>
    file.startsWith(prefix) ? file.slice(prefix.length).split('/')[0] : undefined;
  const graph = new Map<string, Set<string>>();
  for (const [file, targets] of files) {
    const from = folderOf(file);
    if (from === undefined || !file.slice(prefix.length).includes('/')) continue;
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const target of targets) {
      const to = folderOf(target);
      if (to !== undefined && to !== from && target.slice(prefix.length).includes('/')) edges.add(to);
    }
  }
  return new Map([...graph].map(([folder, edges]) => [folder, [...edges].sort()]));
}

describe('the import graph of functions/', () => {
  it('follows imports by subpath across folders and relative ones within a folder', () => {
    const edges = importGraph('functions').get('functions/core/engine/sync-event.ts') ?? [];
    expect(edges.some((target) => target.startsWith('functions/core/domain/'))).toBe(true);
    expect(edges.some((target) => target.startsWith('functions/core/engine/'))).toBe(true);
  });

  it('has no circle: every file can be read before the files that import it', () => {
    expect(importCircles(importGraph('functions'))).toEqual([]);
  });

  it('would show a circle of three files, type-only imports included', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('has no loop between the folders of functions/core: each folder can be read before the folders that use it', () => {
    expect(importCircles(folderGraph(importGraph('functions'), 'functions/core'))).toEqual([]);
  });

  it('would show a loop between two folders made by one file each way, with no circle between files', () => {
    const files = new Map([
      ['functions/core/engine/sync-event.ts', ['functions/core/order/order-plan.ts']],
      ['functions/core/order/invoice-check.ts', ['functions/core/engine/reasons.ts']],
      ['functions/core/order/order-plan.ts', ['functions/core/domain/model.ts']],
      ['functions/core/engine/reasons.ts', []],
      ['functions/core/domain/model.ts', []],
    ]);
    expect(importCircles(files)).toEqual([]);
    expect(importCircles(folderGraph(files, 'functions/core'))).toEqual([['engine', 'order']]);
  });
});
