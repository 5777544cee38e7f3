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
${DECIDE_CSS}`;

/** Live queue: replaces the board with each server-rendered (already escaped) snapshot pushed over SSE. */
export const QUEUE_JS = `${TICK_JS}
(function(){
  var board=document.getElementById('queue-board');var status=document.getElementById('live-status');
  if(!board||!window.EventSource)return;
  var es=new EventSource('/console/queue/events'+location.search);
  es.addEventListener('queue',function(e){var d=JSON.parse(e.data);board.innerHTML=d.html;var tiles=document.getElementById('figure-tiles');if(tiles&&d.figures)tiles.outerHTML=d.figures;board.setAttribute('data-version',d.version);if(status)status.textContent=status.getAttribute('data-live');});
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
