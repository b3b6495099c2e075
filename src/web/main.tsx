import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
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

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !isAuthRequired(error) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const router = createAppRouter();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

const root = createRoot(container);
void i18nReady.then(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <PreferencesProvider>
          <RouterProvider router={router} />
        </PreferencesProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
