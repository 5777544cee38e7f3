import { TICK_JS } from './desk-assets.js';
import { DECIDE_CSS } from './decide-css.js';

/** The console's only stylesheet and script, served from memory (no build step, no framework). */
export const CONSOLE_CSS = `
body{font-family:system-ui,sans-serif;margin:0;color:#111;background:#fafafa;line-height:1.4}
header{background:#1d3557;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header a{color:#fff}header nav ul{display:flex;flex-wrap:wrap;gap:.8rem;list-style:none;margin:0;padding:0}
header nav li.nav-group{display:flex;gap:.4rem;align-items:center;border-left:1px solid #8fa3bf;padding-left:.8rem}
.badge{background:#fff;color:#1d3557;border-radius:.7rem;padding:0 .45rem;font-size:.85rem;margin-left:.25rem}.badge.late{background:#fde2e4;color:#8b0000}
a[aria-current]{font-weight:bold;text-decoration:underline}
main{padding:1rem;max-width:1200px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;color:#000;padding:.5rem;z-index:9}
:focus-visible{outline:3px solid #e63946;outline-offset:2px}
form.inline{display:inline-flex;gap:.4rem;align-items:center}
fieldset{border:1px solid #ccc;margin:.8rem 0;padding:.6rem}
label{display:block;margin:.3rem 0 .1rem}label.check{display:inline}
input,select,textarea,button{font:inherit;padding:.25rem .4rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;background:#fff}
th,td{border:1px solid #ddd;padding:.3rem .4rem;text-align:left;vertical-align:top}
.error{background:#fde2e4;border:1px solid #e63946;padding:.6rem;margin:.6rem 0}
.notice{background:#fff3cd;border:1px solid #c9a227;padding:.6rem;margin:.6rem 0}
.once{font-size:1.6rem;font-family:monospace;letter-spacing:.2rem}
.late{color:#b00020;font-weight:bold}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:.6rem}
.tile{background:#fff;border:1px solid #ccc;padding:.6rem}.tile b{display:block;font-size:1.6rem}
.group h2{font-size:1.05rem;margin:.8rem 0 .2rem}
.live-status{font-size:.9rem;color:#555}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
li.ok{color:#1b5e20}
.chip{display:inline-block;border:1px solid #666;border-radius:.8rem;padding:0 .5rem;font-size:.85rem;white-space:nowrap;background:#f1f1f1}
.chip-connected{background:#e3f2e5;border-color:#1b5e20;color:#1b5e20}.chip-missing_monitor{background:#b00020;border-color:#b00020;color:#fff;font-weight:bold}
tr.alert{background:#fde2e4;box-shadow:inset 5px 0 #b00020}.alert-words{color:#8b0000;font-size:.9rem}
.timer{font-family:monospace;font-variant-numeric:tabular-nums;white-space:nowrap}.nowrap{white-space:nowrap}.hint{color:#555;font-size:.9rem;margin:.2rem 0}.state-counts span{margin-right:.9rem}
details.group{margin:.3rem 0}details.group>summary{font-weight:bold}
/* The board keeps its live calls above the fold: the tiles as one dense strip, and a one-line filter. */
.board-page .tiles{display:flex;flex-wrap:wrap;gap:.15rem .5rem}.board-page .tile{padding:.1rem .4rem;font-size:.85rem}
.board-page .tile b{display:inline;font-size:1rem;margin-left:.35rem}.board-page fieldset{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.4rem 0}
.board-page fieldset label{display:inline;margin:0}.board-page h2{margin:.5rem 0 .2rem}.board-page p{margin:.3rem 0}
.row-forms{display:grid;gap:.3rem;margin-top:.3rem}.row-forms label{display:inline;margin:0 .2rem 0 0}
/* Accessibility (checked by axe-core in test/integration/console-accessibility.test.ts): targets of at least 24px (WCAG 2.5.8). */
summary{padding:.15rem 0;cursor:pointer}
${DECIDE_CSS}`;

/**
 * Live board: each pushed snapshot is server-rendered (already escaped) markup. A row whose action forms are open
 * or hold the focus is kept as it is (its state and timer cells are refreshed around the forms), so a supervisor
 * choosing a reason is never interrupted; every other part of the board is replaced, and groups the supervisor opened
 * stay open.
 */
export const QUEUE_JS = `${TICK_JS}
(function(){
  var board=document.getElementById('queue-board');var status=document.getElementById('live-status');
  if(!board||!window.EventSource)return;
  function held(){return [].filter.call(board.querySelectorAll('#active-calls > tbody > tr[data-id]'),function(tr){
    var d=tr.querySelector('details.row-actions');return (d&&d.open)||tr.contains(document.activeElement);});}
  function swapAround(parent,kept,fresh,freshKept){[].slice.call(parent.children).forEach(function(c){if(c!==kept)c.remove();});
    var kids=[].slice.call(fresh.children);var i=kids.indexOf(freshKept);
    kids.slice(0,i).forEach(function(c){parent.insertBefore(c,kept);});kids.slice(i+1).forEach(function(c){parent.appendChild(c);});}
  function keep(rows,fresh){var oldTable=board.querySelector('#active-calls');var newTable=fresh.querySelector('#active-calls');
    if(!oldTable||!newTable)return false;var oldBody=oldTable.tBodies[0];var newBody=newTable.tBodies[0];
    var twin=function(tr){return newBody.querySelector('tr[data-id="'+tr.getAttribute('data-id')+'"]');};
    var mine=rows.filter(twin);if(!mine.length)return false;
    mine.forEach(function(tr){var n=twin(tr);tr.setAttribute('data-state',n.getAttribute('data-state'));tr.className=n.className;
      for(var c=0;c<tr.cells.length-1&&c<n.cells.length-1;c++)tr.cells[c].innerHTML=n.cells[c].innerHTML;});
    [].slice.call(oldBody.children).forEach(function(tr){if(mine.indexOf(tr)<0)tr.remove();});
    var at=null;[].slice.call(newBody.children).forEach(function(n){
      var old=mine.filter(function(tr){return tr.getAttribute('data-id')===n.getAttribute('data-id');})[0];
      if(old){at=old;return;}oldBody.insertBefore(n,at?at.nextSibling:oldBody.firstChild);at=n;});
    var oldSec=board.querySelector('#board-active');var newSec=fresh.querySelector('#board-active');
    swapAround(oldSec,oldTable,newSec,newTable);swapAround(board,oldSec,fresh,newSec);return true;}
  var es=new EventSource('/console/queue/events'+location.search);
  es.addEventListener('queue',function(e){var d=JSON.parse(e.data);var tpl=document.createElement('template');tpl.innerHTML=d.html;
    var open=[].map.call(board.querySelectorAll('details.group[open]'),function(g){return g.getAttribute('data-state');});
    var rows=held();if(!rows.length||!keep(rows,tpl.content)){board.replaceChildren(tpl.content);}
    open.forEach(function(s){var g=board.querySelector('details.group[data-state="'+s+'"]');if(g)g.open=true;});
    var tiles=document.getElementById('figure-tiles');if(tiles&&d.figures)tiles.outerHTML=d.figures;
    if(d.now&&window.klSetNow)window.klSetNow(d.now);board.setAttribute('data-version',d.version);if(status)status.textContent=status.getAttribute('data-live');});
  es.onerror=function(){if(status)status.textContent=status.getAttribute('data-connecting');};
})();
`;

/** Schedule form: asks the server's policy preview on every change and lists each rule's verdict (O-01). */
export const SCHEDULE_JS = `
(function(){
  var form=document.getElementById('schedule-form');var out=document.getElementById('policy-feedback');
  if(!form||!out)return;
  function render(checks){out.textContent='';var ul=document.createElement('ul');
    checks.forEach(function(c){var li=document.createElement('li');li.className=c.ok?'ok':'late';li.setAttribute('data-rule',c.rule);
      li.textContent=(c.ok?'\u2713 ':'\u2717 ')+(c.label||c.rule)+(c.ok?'':': '+(c.text||c.message));ul.appendChild(li);});out.appendChild(ul);}
  function check(){if(!form.contactId.value){out.textContent='';return;}var q=new URLSearchParams({contactId:form.contactId.value,earliest:form.earliest.value,maxMinutes:form.maxMinutes.value});
    fetch(out.getAttribute('data-url')+'?'+q,{credentials:'same-origin'}).then(function(r){return r.json();}).then(function(d){if(d.checks)render(d.checks);}).catch(function(){});}
  form.addEventListener('change',check);check();
})();
`;
