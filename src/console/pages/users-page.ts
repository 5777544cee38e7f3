import { html } from '../html.js';
import { csrfField, fmtTime, layout } from '../layout.js';
import type { PageContext } from '../page-context.js';
import { ROLES } from '../../storage/schema.js';
import { API_SCOPES } from '../../accounts/scopes.js';
import type { publicUser } from '../../accounts/users.js';
import { apiScopeLabel, label } from '../i18n.js';

type U = ReturnType<typeof publicUser>;
interface TokenRow {
  id: number;
  name: string;
  scopes: string;
  created_at: Date;
  revoked_at: Date | null;
  userId: number;
  username: string;
}

export function usersPage(pc: PageContext, users: U[], tokens: TokenRow[]): string {
  const t = pc.t;
  return layout(
    pc,
    t('users'),
    html`
<table id="users"><thead><tr><th>${t('username')}</th><th>${t('name')}</th><th>${t('role')}</th><th>${t('language')}</th><th>${t('userPhone')}</th><th>${t('userTimeZone')}</th><th></th></tr></thead><tbody>
${users.map(
  (
    u,
  ) => html`<tr><td>${u.username}</td><td>${u.displayName ?? ''}</td><td>${label(t, 'role', u.role)}${u.disabled ? html` (${t('disabled')})` : ''}</td><td>${label(t, 'lang', u.language)}</td>
<td><form method="post" action="/console/users/${u.id}/phone">${csrfField(pc)}<input aria-label="${t('userPhone')} ${u.username}" name="phone" type="tel" value="${u.phone ?? ''}" size="14"> <button type="submit">${t('save')}</button></form></td>
<td><form method="post" action="/console/users/${u.id}/time-zone" class="inline">${csrfField(pc)}<input name="timeZone" aria-label="${t('userTimeZone')} ${u.username}" maxlength="64" value="${u.timeZone ?? ''}" placeholder="${t('userTimeZoneHint')}"><button type="submit">${t('setTimeZone')}</button></form></td>
<td><form method="post" action="/console/users/${u.id}/${u.disabled ? 'enable' : 'disable'}">${csrfField(pc)}<button type="submit">${u.disabled ? t('enable') : t('disable')}</button></form></td></tr>`,
)}
</tbody></table>
<form method="post" action="/console/users">${csrfField(pc)}<fieldset><legend>${t('addUser')}</legend>
<label for="nu-name">${t('username')}</label><input id="nu-name" name="username" required pattern="[a-z0-9._-]{3,40}">
<label for="nu-display">${t('name')}</label><input id="nu-display" name="displayName" maxlength="80">
<label for="nu-pw">${t('password')}</label><input id="nu-pw" name="password" type="password" minlength="12" required autocomplete="new-password">
<label for="nu-role">${t('role')}</label><select id="nu-role" name="role">${ROLES.map((r) => html`<option value="${r}">${label(t, 'role', r)}</option>`)}</select>
<label for="nu-phone">${t('userPhone')}</label><input id="nu-phone" name="phone" type="tel">
<label for="nu-lang">${t('language')}</label><select id="nu-lang" name="language"><option value="uk">${label(t, 'lang', 'uk')}</option><option value="en">${label(t, 'lang', 'en')}</option></select>
<label for="nu-tz">${t('userTimeZone')}</label><input id="nu-tz" name="timeZone" maxlength="64" placeholder="${t('userTimeZoneHint')}">
<p><button type="submit">${t('addUser')}</button></p></fieldset></form>
<h2>${t('tokens')}</h2>
<table id="tokens"><thead><tr><th>#</th><th>${t('username')}</th><th>${t('tokenName')}</th><th>${t('scopes')}</th><th>${t('at')}</th><th>${t('revokedAt')}</th><th></th></tr></thead><tbody>
${tokens.map(
  (k) => html`<tr><td>${k.id}</td><td>${k.username}</td><td>${k.name}</td><td>${
    k.scopes
      ? k.scopes
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((s) => apiScopeLabel(t, s))
          .join(', ')
      : ''
  }</td><td>${fmtTime(pc, k.created_at)}</td><td>${fmtTime(pc, k.revoked_at)}</td>
<td>${k.revoked_at ? '' : html`<form method="post" action="/console/tokens/${k.id}/revoke">${csrfField(pc)}<button type="submit">${t('revoke')}</button></form>`}</td></tr>`,
)}
</tbody></table>
<form method="post" action="/console/tokens">${csrfField(pc)}<fieldset><legend>${t('createToken')}</legend>
<label for="tk-user">${t('username')}</label><select id="tk-user" name="userId">${users.filter((u) => !u.disabled).map((u) => html`<option value="${u.id}">${u.username}</option>`)}</select>
<label for="tk-name">${t('tokenName')}</label><input id="tk-name" name="name" required maxlength="60">
<fieldset><legend>${t('scopes')}</legend>${API_SCOPES.map((s) => html`<input type="checkbox" id="sc-${s}" name="scopes" value="${s}"> <label class="check" for="sc-${s}">${apiScopeLabel(t, s)}</label> `)}</fieldset>
<p><button type="submit">${t('createToken')}</button></p></fieldset></form>`,
  );
}
