import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '#functions/core/domain/errors';
import { buildOnce, composition, DependenciesUnavailableError } from '#functions/middleware/composition';
import { entryPoint, type HandlerContext } from '#functions/middleware/handler-context';

describe('buildOnce', () => {
  it('builds once for every caller of a warm container, concurrent ones included', async () => {
    let builds = 0;
    const deps = buildOnce(async () => ({ build: ++builds }));
    const all = await Promise.all([deps(), deps(), deps()]);
    expect(await deps()).toEqual({ build: 1 });
    expect(all).toEqual([{ build: 1 }, { build: 1 }, { build: 1 }]);
    expect(builds).toBe(1);
  });

  it('builds again on the next call after a failed build, then keeps the good one', async () => {
    let builds = 0;
    const deps = buildOnce(async () => {
      builds += 1;
      if (builds === 1) throw new Error('Secrets Manager unreachable');
      return { build: builds };
    });
    await expect(deps()).rejects.toThrow('Secrets Manager unreachable');
    expect(await deps()).toEqual({ build: 2 });
    expect(await deps()).toEqual({ build: 2 });
    expect(builds).toBe(2);
  });
});

describe('composition', () => {
  const handlerWith = (deps: () => Promise<{ name: string }>) =>
    entryPoint(
      middy<unknown, string, Error, HandlerContext<{ name: string }>>()
        .use(composition(deps))
        .handler(async (_event, context) => context.deps.name),
    );

  it('hands the dependencies to the handler on context.deps, leaving the caller’s context as given', async () => {
    const callerContext = { awsRequestId: 'req-1' };
    expect(await handlerWith(async () => ({ name: 'real adapters' }))({}, callerContext)).toBe(
      'real adapters',
    );
    expect(callerContext).toEqual({ awsRequestId: 'req-1' });
  });

  it('reports a failed build as retryable (503) unless the configuration is broken (500)', async () => {
    const unreachable = handlerWith(() => Promise.reject(new Error('Secrets Manager unreachable')));
    const broken = handlerWith(() => Promise.reject(new ConfigError('QUEUE_URL', 'QUEUE_URL is missing')));
    const failure = (run: Promise<unknown>) =>
      run.then(
        () => undefined,
        (e: unknown) => e,
      );

    const retryable = await failure(unreachable({}));
    const fatal = await failure(broken({}));

    expect(retryable).toBeInstanceOf(DependenciesUnavailableError);
    expect(retryable).toMatchObject({
      retryable: true,
      httpStatus: 503,
      message: 'Secrets Manager unreachable',
    });
    expect(fatal).toMatchObject({ retryable: false, httpStatus: 500, message: 'QUEUE_URL is missing' });
  });
});
