/**
 * A redirect target from a query string or Referer, reduced to a same-site path: no scheme, no host and
 * no protocol-relative //, so it cannot send a user to another site (open redirect).
 */
export function safeBack(target: string | undefined, fallback: string): string {
  if (!target) return fallback;
  let path = target;
  try {
    if (/^[a-z]+:/i.test(target)) {
      const u = new URL(target);
      path = u.pathname + u.search;
    }
  } catch {
    return fallback;
  }
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : fallback;
}
