import { isWithinOperatorHours } from '../operator-hours.js';
import type { Effect } from './effect.js';

export const operatorHours: Effect = {
  outcomes: ['open', 'closed'],
  run: async ({ ctx }) => ({ outcome: isWithinOperatorHours(ctx.config.hotline, ctx.clock.now()) ? 'open' : 'closed' }),
};
