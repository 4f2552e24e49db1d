import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { i18nReady } from './i18n';
import './ui/global.css';
import { Providers } from './app/Providers';
import { router } from './app/router';
import { DemoBanner } from './ui/DemoBanner';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

void i18nReady.then(() =>
  createRoot(root).render(
    <StrictMode>
      <Providers>
        <DemoBanner />
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  ),
);
