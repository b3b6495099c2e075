// 通办: loads the application over a public page the server sent with its content (src/server/platform/web.ts).
// That HTML is complete and usable on its own (real links, GET forms, the guide readable), so the code waits
// for the visitor's first interaction (a touch, a key, the mouse moving, a scroll of the wheel): a resident on a
// slow phone reads the page without the phone evaluating React first. The app loads at once when the page
// needs it: the server says so (data-eager: a signed-in visitor, a page it could not write), or a preference
// the server's HTML does not follow (English, care mode, another region).
(() => {
  const me = document.currentScript;
  if (!me) return;
  const entry = me.getAttribute('data-entry');
  const preloads = (me.getAttribute('data-preload') || '').split(' ').filter(Boolean);
  const triggers = ['pointerdown', 'touchstart', 'keydown', 'mousemove', 'wheel', 'focusin'];
  let started = false;
  // A visitor typing into one of the page's forms (the search box, the verify form) keeps that form: the app
  // would replace it, and what was typed, under their fingers. Its GET submission opens the next page anyway.
  let typing = false;
  const start = (event) => {
    if (started) return;
    const field = event?.target instanceof Element ? event.target.closest('input, textarea, select') : null;
    if (field) typing = true;
    if (typing && event) return;
    started = true;
    for (const type of triggers) removeEventListener(type, start, true);
    for (const href of preloads) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = href;
      document.head.appendChild(link);
    }
    const script = document.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = entry;
    document.head.appendChild(script);
  };

  const stored = (key) => {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  };
  const store = (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      // private mode: the app starts with the defaults
    }
  };
  const language = stored('tongban.language');
  const region = stored('tongban.region');
  const eager =
    me.hasAttribute('data-eager') ||
    (language !== null && language !== 'zh-CN') ||
    stored('tongban.careMode') === '1' ||
    (region !== null && region !== '610922') ||
    /(?:^|;\s*)tongban_csrf=/.test(document.cookie);

  // The header's care-mode switch and English button in the server's HTML: remembered, then the app starts with them.
  // Buttons that need the app (the QR scan): the app starts; its own button answers the next press.
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-tb-pref],[data-tb-app]') : null;
    if (!target) return;
    const pref = target.getAttribute('data-tb-pref');
    if (pref === 'care') {
      store('tongban.careMode', '1');
      target.setAttribute('aria-checked', 'true');
    } else if (pref) {
      store('tongban.language', pref);
    }
    start(null);
  });

  if (eager) requestAnimationFrame(() => setTimeout(() => start(null), 0));
  else for (const type of triggers) addEventListener(type, start, { capture: true, passive: true });
})();
