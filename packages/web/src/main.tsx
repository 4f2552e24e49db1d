import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n';
import './ui/global.css';
import { Providers } from './app/Providers';
import { router } from './app/router';
import { DemoBanner } from './ui/DemoBanner';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <DemoBanner />
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
