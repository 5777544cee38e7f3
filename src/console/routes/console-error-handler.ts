import type { ErrorRequestHandler } from 'express';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { errorPage } from '../pages/error-page.js';
import { safeBack } from './safe-back.js';
import { fieldMessages, fieldsOf } from '../field-messages.js';
import { errorSentence } from '../i18n.js';

/**
 * Console pages answer in HTML: a browser without a session is sent to the login page, and a refusal is
 * shown with its reason and a way back. Non-console paths keep the app's JSON error handler.
 */
export function consoleErrorHandler(ctx: AppContext): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (!req.path.startsWith('/console') || res.headersSent) return next(err);
    if (err instanceof AppError && err.status === 401 && req.method === 'GET') {
      return res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    }
    const known = err instanceof AppError;
    if (!known) ctx.logger.error({ err, path: req.path }, 'console:error unhandled');
    const pc = pageContext(req);
    // A form refused field by field is told in words per field, not in the validator's text.
    const fields = known && err.code === 'invalid_input' ? fieldsOf(err.details) : undefined;
    // Ukrainian staff read the refusal in Ukrainian; the REST API keeps the English sentence.
    const message = fields
      ? fieldMessages(pc.t, fields)
      : errorSentence(
          pc.lang,
          known ? err.code : 'internal',
          known ? err.message : 'internal error; the request was not completed, try again',
        );
    res
      .status(known ? err.status : 500)
      .type('html')
      .send(errorPage(pc, message, safeBack(req.get('referer'), '/console')));
  };
}
