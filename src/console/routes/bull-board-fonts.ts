import path from 'node:path';
import { createRequire } from 'node:module';
import express, { Router, type RequestHandler } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/LICENSE`));

export const BULL_BOARD_FONTS_PATH = '/assets/bull-board-fonts';
const GOOGLE_FONTS_LINK = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/;
/** The weights Bull Board's page asks Google for, served from this origin instead. */
const LOCAL_FONTS = ['sans/400.css', 'sans/500.css', 'sans/600.css', 'mono/400.css', 'mono/500.css']
  .map((f) => `<link href="${BULL_BOARD_FONTS_PATH}/${f}" rel="stylesheet">`)
  .join('');

/**
 * Bull Board's page loads its fonts from Google, which fails on a closed network and tells Google each
 * supervisor's address and when they look at the queues. The same fonts (IBM Plex, from @fontsource) are
 * served here, and the page's link to Google is replaced by links to them.
 */
export function bullBoardFonts(): Router {
  const r = Router();
  const immutable = { immutable: true, maxAge: '30d' };
  r.use(`${BULL_BOARD_FONTS_PATH}/sans`, express.static(packageDir('@fontsource/ibm-plex-sans'), immutable));
  r.use(`${BULL_BOARD_FONTS_PATH}/mono`, express.static(packageDir('@fontsource/ibm-plex-mono'), immutable));
  return r;
}

/** Rewrites the HTML page Bull Board renders (not its JSON API) to use the local fonts. */
export const useLocalFonts: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) =>
    send(typeof body === 'string' && GOOGLE_FONTS_LINK.test(body) ? body.replace(GOOGLE_FONTS_LINK, LOCAL_FONTS) : body);
  next();
};
