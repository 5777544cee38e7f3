/**
 * The live call page. Timers: every [data-since] counts up and every [data-until] down each second, from the
 * server's clock (data-now, then each pushed `now`), so a browser whose clock is off still shows true times.
 * Updates: each pushed part is server-rendered and escaped; the state, timers, listeners, attempts and timeline
 * are replaced at once, the forms only when other forms fit the call, and then not while the supervisor is in
 * one (focus inside, a reason being chosen): that update waits until focus leaves the forms. An open "Raw events"
 * disclosure stays open.
 */
export const CALL_JS = `
(function(){
  var root=document.getElementById('call-live');var status=document.getElementById('live-status');
  if(!root)return;
  var off=Date.parse(root.getAttribute('data-now'))-Date.now();
  function two(v){return (v<10?'0':'')+v;}
  function fmt(s){s=Math.max(0,Math.round(s));var m=Math.floor(s/60);return m>=60?Math.floor(m/60)+':'+two(m%60)+':'+two(s%60):m+':'+two(s%60);}
  function tick(){var now=Date.now()+off;var i,els=root.querySelectorAll('[data-since]');
    for(i=0;i<els.length;i++)els[i].textContent=fmt((now-Date.parse(els[i].getAttribute('data-since')))/1000);
    els=root.querySelectorAll('[data-until]');
    for(i=0;i<els.length;i++)els[i].textContent=fmt((Date.parse(els[i].getAttribute('data-until'))-now)/1000);}
  setInterval(tick,1000);
  var actions=document.getElementById('call-actions');var pending=null;
  function applyActions(){if(!pending||actions.contains(document.activeElement))return;actions.innerHTML=pending.html;actions.setAttribute('data-key',pending.key);pending=null;}
  if(actions)actions.addEventListener('focusout',function(){setTimeout(applyActions,0);});
  function swap(id,markup){var el=document.getElementById(id);if(el)el.innerHTML=markup;}
  if(!window.EventSource)return;
  var es=new EventSource('/console/calls/'+encodeURIComponent(root.getAttribute('data-call'))+'/events');
  es.addEventListener('call',function(e){var d=JSON.parse(e.data);
    if(d.now)off=Date.parse(d.now)-Date.now();
    var raw=document.getElementById('raw-events');var open=raw&&raw.open;
    swap('call-head',d.head);swap('call-attempts',d.attempts);swap('call-timeline',d.timeline);
    raw=document.getElementById('raw-events');if(raw&&open)raw.open=true;
    if(actions){pending=d.actionsKey!==actions.getAttribute('data-key')?{html:d.actions,key:d.actionsKey}:null;applyActions();}
    root.setAttribute('data-version',d.version);tick();
    if(status)status.textContent=status.getAttribute('data-live');});
  es.onerror=function(){if(status)status.textContent=status.getAttribute('data-connecting');};
})();
`;
