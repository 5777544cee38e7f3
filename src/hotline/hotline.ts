import type { AppContext } from '../app-context.js';
import type { Flow } from '../flow-engine/types.js';
import { loadFlow } from '../flow-engine/load-flow.js';
import { checkFlow } from '../flow-engine/check-flow.js';
import { createCallSessionStore, type CallSessionStore } from './call-session-store.js';
import { createLookupLimits, type LookupLimiter } from './lookup-limits.js';
import { HOTLINE_EFFECT_CATALOGUE, HOTLINE_EFFECTS } from './effects/index.js';
import type { Effect } from './effects/effect.js';
import { flowDir } from '../flow-engine/flow-dir.js';

export interface Hotline {
  ctx: AppContext;
  flow(): Promise<Flow>;
  store: CallSessionStore;
  limits: LookupLimiter;
  effects: Record<string, Effect>;
}

export interface HotlineOptions {
  flowDir?: string;
}

/** Wires the hotline's parts over one context. The flow is loaded and checked once, on first use. */
export function createHotline(ctx: AppContext, opts: HotlineOptions = {}): Hotline {
  let loaded: Promise<Flow> | undefined;
  const load = async () => {
    const flow = await loadFlow(opts.flowDir ?? flowDir('hotline'));
    const problems = checkFlow(flow, HOTLINE_EFFECT_CATALOGUE);
    if (problems.length) throw new Error(`the hotline flow fails its checks: ${problems.join('; ')}`);
    return flow;
  };
  return {
    ctx,
    flow: () => {
      loaded ??= load().catch((e) => {
        loaded = undefined; // a fixed file is picked up on the next call
        throw e;
      });
      return loaded;
    },
    store: createCallSessionStore(ctx.redis, ctx.config.redis.prefix),
    limits: createLookupLimits(ctx.redis, ctx.config.redis.prefix, ctx.config.security.secretHashKey, ctx.config.hotline.limits),
    effects: HOTLINE_EFFECTS,
  };
}
