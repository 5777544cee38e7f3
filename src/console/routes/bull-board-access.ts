import { Router, type RequestHandler } from 'express';

export const BULL_BOARD_ACCESS_PATH = '/assets/bull-board-access';

/**
 * Bull Board's light theme, darkened where its text is too faint to read against its background (WCAG 1.4.3,
 * contrast of at least 4.5:1): the muted grey of hints and key caps, the amber of "waiting" (also the workers
 * badge) and the teal of the selected queue in the side menu. Bull Board applies these tokens itself.
 */
export const BULL_BOARD_THEME = {
  light: { 'muted-foreground': '#48525b', 'status-waiting': '#b45309', 'sidebar-state-selected-foreground': '#0b5149' },
};

/** The grey of empty (null) values in job data: a highlighting colour the theme does not expose. */
const CSS = ':root{--hl-meta:#586370}';

/**
 * Names for Bull Board's icon-only buttons, which it renders without one: a screen reader would say only
 * "button" (WCAG 4.1.2). Each is known by its icon; the logo button opens the Redis details. A button whose
 * name leaves out its visible text (the workers badge) gets the text in front, so speech input finds it by
 * what is shown (WCAG 2.5.3). The page is React's: labels are set again whenever it redraws.
 */
const JS = `(function(){
  var names={'lucide-maximize':'Full screen','lucide-minimize':'Leave full screen','lucide-settings':'Settings',
    'lucide-ellipsis-vertical':'Queue actions','lucide-copy':'Copy','lucide-check':'Copied'};
  function label(){
    document.querySelectorAll('svg[role="img"]:not([aria-hidden])').forEach(function(s){s.setAttribute('aria-hidden','true');});
    document.querySelectorAll('button').forEach(function(b){
      var text=b.innerText.trim();var named=b.getAttribute('aria-label');
      if(named){if(text&&named.indexOf(text)<0)b.setAttribute('aria-label',text+': '+named);return;}
      if(text||b.getAttribute('title'))return;
      var icon=b.querySelector('svg');var name='';
      if(icon&&icon.getAttribute('width')==='42')name='Redis details';
      else if(icon)Object.keys(names).forEach(function(k){if(icon.classList.contains(k))name=names[k];});
      if(name)b.setAttribute('aria-label',name);
    });
  }
  new MutationObserver(label).observe(document.documentElement,{subtree:true,childList:true,attributes:true,attributeFilter:['aria-label','class']});
  label();
})();`;

/** The stylesheet and script above, from this origin. */
export function bullBoardAccessAssets(): Router {
  const r = Router();
  const cache = 'public, max-age=3600';
  r.get(`${BULL_BOARD_ACCESS_PATH}.css`, (_req, res) => res.type('css').set('Cache-Control', cache).send(CSS));
  r.get(`${BULL_BOARD_ACCESS_PATH}.js`, (_req, res) => res.type('js').set('Cache-Control', cache).send(JS));
  return r;
}

const TAGS = `<link href="${BULL_BOARD_ACCESS_PATH}.css" rel="stylesheet"><script src="${BULL_BOARD_ACCESS_PATH}.js" defer></script></head>`;

/** Adds the stylesheet and script to the HTML page Bull Board renders (not to its JSON API). */
export const useAccessFixes: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => send(typeof body === 'string' && body.includes('</head>') ? body.replace('</head>', TAGS) : body);
  next();
};
