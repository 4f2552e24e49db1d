import { createBrowserRouter, Navigate } from 'react-router';
import { NotFoundPage } from './NotFoundPage';
import { FullPageSpin } from './RequireAuth';

// Pages (and the signed-in shell) are loaded on demand, so the first screen on a cheap phone only
// downloads what it shows.
export const router = createBrowserRouter([
  {
    path: '/login',
    HydrateFallback: FullPageSpin,
    lazy: async () => ({ Component: (await import('../auth/LoginPage')).LoginPage }),
  },
  {
    path: '/',
    HydrateFallback: FullPageSpin,
    lazy: async () => ({ Component: (await import('./AuthedShell')).AuthedShell }),
    children: [
      { index: true, element: <Navigate to="/households" replace /> },
      {
        path: 'households',
        lazy: async () => ({ Component: (await import('../households/HouseholdSearchPage')).HouseholdSearchPage }),
      },
      {
        path: 'households/:id',
        lazy: async () => ({ Component: (await import('../households/HouseholdDetailPage')).HouseholdDetailPage }),
      },
      {
        path: 'rules',
        lazy: async () => ({ Component: (await import('../rules/RuleSetPage')).RuleSetPage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
