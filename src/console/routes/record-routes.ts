import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF } from '../../http/auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { layout } from '../layout.js';
import { html } from '../html.js';
import { createDetainee, searchDetainees, updateDetainee, viewDetainee } from '../../records/detainee-records.js';
import { appendConsent, createContact, setContactSecret, updateContact, viewContact } from '../../records/contact-records.js';
import { detaineeSearchPage } from '../pages/detainee-search-page.js';
import { newDetaineePage } from '../pages/detainee-fields.js';
import { detaineePage } from '../pages/detainee-page.js';
import { contactPage } from '../pages/contact-page.js';
import { oncePage } from '../pages/error-page.js';
import { callActions } from '../../calls/call-actions.js';
import { previewCallPolicy } from '../../calls/preview-call-policy.js';
import { errorSentence, label } from '../i18n.js';
import { consoleRoute } from './console-route.js';

const id = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the record');
  return n;
};
const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>;
/** Unticked checkboxes are absent from a form post; on an edit form that means "off". */
const checkboxes = (b: Record<string, unknown>, names: string[]) => ({
  ...b,
  ...Object.fromEntries(names.map((n) => [n, b[n] === 'true' || b[n] === 'on'])),
});
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);

/** Operator screens for detainees, contacts, consent and secrets. */
export function recordRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/detainees', ANY_STAFF, async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    const { results, capped } = await searchDetainees(ctx, req.principal!, { q });
    const facilities = results.length ? await ctx.repos.facilities.list() : [];
    send(res, detaineeSearchPage(pageContext(req), q, results, capped, facilities));
  });
  consoleRoute(r, 'GET', '/console/detainees/new', ANY_STAFF, async (req, res) => {
    const pc = pageContext(req);
    send(res, layout(pc, pc.t('newDetainee'), html`${newDetaineePage(pc, await ctx.repos.facilities.list())}`));
  });
  consoleRoute(r, 'POST', '/console/detainees', ANY_STAFF, async (req, res) => {
    const d = await createDetainee(ctx, req.principal!, checkboxes(body(req), ['possiblyDead']));
    res.redirect(303, `/console/detainees/${d.id}`);
  });
  consoleRoute(r, 'GET', '/console/detainees/:id', ANY_STAFF, async (req, res) => {
    const v = await viewDetainee(ctx, req.principal!, id(req));
    const requests = await ctx.repos.callRequests.listByDetainee(v.detainee.id, 20);
    const messages = (await ctx.repos.messages.listByDetainee(v.detainee.id)).slice(-50).reverse();
    send(res, detaineePage(pageContext(req), { ...v, facilities: await ctx.repos.facilities.list(), requests, messages }));
  });
  consoleRoute(r, 'POST', '/console/detainees/:id', ANY_STAFF, async (req, res) => {
    await updateDetainee(ctx, req.principal!, id(req), checkboxes(body(req), ['possiblyDead']));
    res.redirect(303, `/console/detainees/${id(req)}`);
  });
  consoleRoute(r, 'POST', '/console/detainees/:id/contacts', ANY_STAFF, async (req, res) => {
    const c = await createContact(ctx, req.principal!, id(req), checkboxes(body(req), ['blocked', 'nominated']));
    res.redirect(303, `/console/contacts/${c.id}`);
  });
  consoleRoute(r, 'POST', '/console/detainees/:id/call-requests', ANY_STAFF, async (req, res) => {
    await callActions.request(ctx, req.principal!, id(req), body(req));
    res.redirect(303, `/console/detainees/${id(req)}`);
  });
  // JSON for the schedule form's live policy feedback (a little vanilla JS on the detainee page).
  consoleRoute(r, 'GET', '/console/detainees/:id/call-policy', ANY_STAFF, async (req, res) => {
    const pc = pageContext(req);
    const checks = await previewCallPolicy(ctx, id(req), req.query, req.principal!.timeZone);
    // The form prints each rule's name and verdict as sent: in the viewer's language.
    const text = (c: (typeof checks)[number]) =>
      c.ok ? pc.t('ruleAllowed') : c.code === 'choose_earliest' ? pc.t('ruleChooseEarliest') : errorSentence(pc.lang, c.code, c.message);
    res.set('Cache-Control', 'no-store').json({ checks: checks.map((c) => ({ ...c, label: label(pc.t, 'rule', c.rule), text: text(c) })) });
  });
  consoleRoute(r, 'GET', '/console/contacts/:id', ANY_STAFF, async (req, res) => {
    send(res, contactPage(pageContext(req), await viewContact(ctx, req.principal!, id(req))));
  });
  consoleRoute(r, 'POST', '/console/contacts/:id', ANY_STAFF, async (req, res) => {
    await updateContact(ctx, req.principal!, id(req), checkboxes(body(req), ['blocked', 'nominated']));
    res.redirect(303, `/console/contacts/${id(req)}`);
  });
  consoleRoute(r, 'POST', '/console/contacts/:id/consent', ANY_STAFF, async (req, res) => {
    await appendConsent(ctx, req.principal!, id(req), body(req));
    res.redirect(303, `/console/contacts/${id(req)}`);
  });
  consoleRoute(r, 'POST', '/console/contacts/:id/secret', ANY_STAFF, async (req, res) => {
    const { secret } = await setContactSecret(ctx, req.principal!, id(req), body(req));
    const pc = pageContext(req);
    send(res, oncePage(pc, pc.t('secret'), pc.t('secretShownOnce'), secret, `/console/contacts/${id(req)}`));
  });
  return r;
}
