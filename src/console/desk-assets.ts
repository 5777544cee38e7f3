/**
 * Running timers: every element with data-since counts up each second, every one with data-until counts down to
 * zero, from the server's clock (data-now on the page, or the last pushed `now`) so a browser whose clock is off
 * still shows the true wait.
 */
export const TICK_JS = `
(function(){
  var off=0;var n=document.querySelector('[data-now]');if(n)off=Date.parse(n.getAttribute('data-now'))-Date.now();
  window.klSetNow=function(iso){off=Date.parse(iso)-Date.now();};
  function two(v){return (v<10?'0':'')+v;}
  function fmt(s){var m=Math.floor(s/60);return m>=60?Math.floor(m/60)+':'+two(m%60)+':'+two(s%60):m+':'+two(s%60);}
  setInterval(function(){var now=Date.now()+off;var els=document.querySelectorAll('[data-since],[data-until]');
    for(var i=0;i<els.length;i++){var u=els[i].getAttribute('data-until');var ms=u?Date.parse(u)-now:now-Date.parse(els[i].getAttribute('data-since'));
      els[i].textContent=fmt(Math.max(0,Math.round(ms/1000)));}},1000);
})();
`;

/**
 * The desk: the callers list is replaced by each pushed (server-rendered, escaped) snapshot; the operator's own
 * part only when the server sends it, i.e. when it differs from what the page shows, so a phone or a wrap-up note
 * being typed survives.
 */
export const DESK_JS = `${TICK_JS}
(function(){
  var me=document.getElementById('desk-me');var callers=document.getElementById('desk-callers-live');var status=document.getElementById('live-status');
  if(!me||!callers||!window.EventSource)return;
  var es=new EventSource('/console/desk/events?me='+encodeURIComponent(me.getAttribute('data-me-key')||''));
  es.addEventListener('desk',function(e){var d=JSON.parse(e.data);callers.innerHTML=d.callers;if(d.me)me.innerHTML=d.me;
    if(d.now&&window.klSetNow)window.klSetNow(d.now);me.setAttribute('data-version',d.version);if(status)status.textContent=status.getAttribute('data-live');});
  es.onerror=function(){if(status)status.textContent=status.getAttribute('data-connecting');};
})();
`;
