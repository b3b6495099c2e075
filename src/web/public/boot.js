// 通办: loads the application after the first paint of the page the server sent with its content
// (src/server/platform/web.ts). A resident on a slow phone reads the page while the code arrives.
(() => {
  const me = document.currentScript;
  if (!me) return;
  const entry = me.getAttribute('data-entry');
  const preloads = (me.getAttribute('data-preload') || '').split(' ').filter(Boolean);
  const start = () => {
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
  requestAnimationFrame(() => setTimeout(start, 0));
})();
