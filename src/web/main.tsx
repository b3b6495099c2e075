import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { isAuthRequired } from './api.ts';
import { createAppRouter } from './app.tsx';
import { i18nReady } from './i18n/index.ts';
import { PreferencesProvider } from './ui/preferences.tsx';
import './styles.css';
import './catalog.css';
import './cases.css';
import './licenses.css';
import './portal-public.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !isAuthRequired(error) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// The server inlines the public pages' data (src/server/platform/web-pages.ts): into the cache before the first render.
const preload = document.getElementById('tb-preload')?.textContent;
if (preload) {
  try {
    for (const entry of JSON.parse(preload) as Array<{ key: unknown[]; value: unknown }>) queryClient.setQueryData(entry.key, entry.value);
  } catch {
    // a broken preload only costs the request it would have saved
  }
}

const router = createAppRouter();
/** The lazy route of the first page loaded: until then the server's HTML stays (no spinner in between). */
const routerReady = router.state.initialized
  ? Promise.resolve()
  : new Promise<void>((resolve) => {
      const stop = router.subscribe((state) => {
        if (state.initialized) {
          stop();
          resolve();
        }
      });
    });

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

/**
 * Words typed into a form of the server's HTML (the search box, the verify form) stay where they are: the app
 * would replace the form and lose them. That page goes on without the app; the form's GET submission opens the next.
 */
const typedIntoServerForm = () =>
  [...document.querySelectorAll<HTMLInputElement>('.tb-prerendered input')].some((input) => input.value !== input.defaultValue);

/**
 * A keyboard user who was tabbing through the server's HTML when the app took over keeps their place: the link or
 * control that had focus is found again in the app's page (same href, or same id) and focused.
 */
function keepFocus(): void {
  const was = document.activeElement;
  if (!(was instanceof HTMLElement) || was === document.body || !container?.contains(was)) return;
  const href = was instanceof HTMLAnchorElement ? was.getAttribute('href') : null;
  const text = was.textContent?.trim() ?? '';
  const same = (el: HTMLElement) =>
    el !== was &&
    (href ? el.getAttribute('href') === href : was.id ? el.id === was.id : el.tagName === was.tagName && el.textContent?.trim() === text);
  const deadline = Date.now() + 5000;
  const find = () => {
    if (document.activeElement && document.activeElement !== document.body && document.activeElement !== was) return;
    const again = [...document.querySelectorAll<HTMLElement>(was.tagName)].find(same);
    if (again) again.focus();
    else if (Date.now() < deadline) setTimeout(find, 100);
  };
  setTimeout(find, 0);
}

const root = createRoot(container);
// A transition: React renders in slices and yields to the browser in between (no long task on a slow phone).
void Promise.all([i18nReady, routerReady]).then(() =>
  typedIntoServerForm()
    ? undefined
    : startTransition(() => {
        keepFocus();
        root.render(
          <StrictMode>
            <QueryClientProvider client={queryClient}>
              <PreferencesProvider>
                <RouterProvider router={router} />
              </PreferencesProvider>
            </QueryClientProvider>
          </StrictMode>,
        );
      }),
);
