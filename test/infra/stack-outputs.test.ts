import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/project-root';
import { testStack } from './stack-fixture';

beforeAll(() => {
  testStack();
});

describe('the stack outputs', () => {
  it('include every output docs/deploy.md tells an operator to read', () => {
    const guide = readFileSync(join(projectRoot, 'docs', 'deploy.md'), 'utf8');
    const named = new Set([...guide.matchAll(/\bout (\w+)\)/g)].map(([, name]) => name));
    expect(named.size).toBeGreaterThan(5);
    const outputs = Object.keys(testStack().template.findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining([...named]));
  });

  it('name the log groups the Logs Insights queries run on', () => {
    const outputs = testStack().template.findOutputs('*');
    expect(outputs).toHaveProperty('VerifierLogGroup');
    expect(outputs).toHaveProperty('SyncLogGroup');
  });
});
