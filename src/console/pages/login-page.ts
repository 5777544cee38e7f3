import { html } from '../html.js';
import { errorBox, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';

export function loginPage(pc: PageContext, error?: string, username = '', next = ''): string {
  const t = pc.t;
  return layout(
    pc,
    t('login'),
    html`${errorBox(pc, error)}
<form method="post" action="/login${next ? `?next=${encodeURIComponent(next)}` : ''}">
  <input type="hidden" name="_csrf" value="${pc.csrf}">
  <label for="username">${t('username')}</label><input id="username" name="username" autocomplete="username" required value="${username}">
  <label for="password">${t('password')}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
  <p><button type="submit">${t('login')}</button></p>
</form>`,
  );
}
