import { Router, type RequestHandler } from 'express';

export const BULL_BOARD_ACCESS_PATH = '/assets/bull-board-access';

/**
 * Bull Board's themes, darkened (lightened in dark mode) where its text is too faint to read against its
 * background (WCAG 1.4.3, contrast of at least 4.5:1): the muted grey of hints and key caps, the amber of
 * "waiting" (also the workers badge) and the teal of the selected queue in the side menu. Bull Board applies
 * these tokens itself; dark mode follows the browser's preference.
 */
export const BULL_BOARD_THEME = {
  light: { 'muted-foreground': '#48525b', 'status-waiting': '#b45309', 'sidebar-state-selected-foreground': '#0b5149' },
  dark: { 'muted-foreground': '#a3adba' },
};

/** The grey of empty (null) values in job data, a highlighting colour the theme does not expose (dark mode sets its own on body). */
const CSS = ':root{--hl-meta:#586370}';

/**
 * Names for Bull Board's icon-only buttons, which it renders without one: a screen reader would say only
 * "button" (WCAG 4.1.2). Each is known by its icon; the logo button opens the Redis details. A button whose
 * name leaves out its visible text (the workers badge) gets the text in front, so speech input finds it by
 * what is shown (WCAG 2.5.3). The page is React's and redraws: each button keeps the name React gave it
 * (data-a11y-base) apart from the one set here (data-a11y-label), so a new count or icon is named afresh.
 */
const JS = `(function(){
  var icons={'lucide-maximize':'Full screen','lucide-minimize':'Leave full screen','lucide-settings':'Settings',
    'lucide-ellipsis-vertical':'Queue actions','lucide-copy':'Copy','lucide-check':'Copied'};
  function iconName(svg){
    if(!svg)return '';if(svg.getAttribute('width')==='42')return 'Redis details';
    for(var k in icons)if(svg.classList.contains(k))return icons[k];return '';
  }
  function fix(b){
    var named=b.getAttribute('aria-label'),own=b.getAttribute('data-a11y-label');
    var base=named!==null&&named!==own?named:b.getAttribute('data-a11y-base')||'';
    if(b.getAttribute('data-a11y-base')!==base)b.setAttribute('data-a11y-base',base);
    var text=b.innerText.trim();
    var want=base?(text&&base.indexOf(text)<0?text+': '+base:base):(!text&&!b.getAttribute('title')?iconName(b.querySelector('svg')):'');
    if(want&&want!==named){b.setAttribute('data-a11y-label',want);b.setAttribute('aria-label',want);}
  }
  function label(){
    document.querySelectorAll('svg[role="img"]:not([aria-hidden])').forEach(function(s){s.setAttribute('aria-hidden','true');});
    document.querySelectorAll('button').forEach(fix);
  }
  new MutationObserver(label).observe(document.documentElement,{subtree:true,childList:true,characterData:true,attributes:true,attributeFilter:['aria-label','class']});
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
