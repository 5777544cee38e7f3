/** The Redis every test and the processes they start use: REDIS_URL when set (a shared server may give the
 * tests their own database number), else the local default. Each test keeps to its own key prefix. */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
