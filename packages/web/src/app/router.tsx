import { createBrowserRouter, Navigate } from 'react-router';
import { useMe } from '../api/hooks';
import { FullPageSpin } from './FullPageSpin';
import { homePathFor } from './home-path';
import { loadTexts } from '../i18n/resources';

/** The start page follows what the user does (home-path.ts): 待办, 数据导入, the case list … */
function HomeRedirect() {
  // useMe, not useSignedInUser: this file is in the first download, and useSuspenseQuery is not.
  const me = useMe();
  if (!me.data) return <FullPageSpin />;
  return <Navigate to={homePathFor(me.data.abilities)} replace />;
}

// Pages (and the signed-in shell) are loaded on demand, so the first screen on a cheap phone only
// downloads what it shows.
export const router = createBrowserRouter([
  {
    path: '/login',
    HydrateFallback: FullPageSpin,
    lazy: async () => ({ Component: (await import('../auth/LoginPage')).LoginPage }),
  },
  {
    // Public self-application (自主申报) opened from a village QR code: no login, no app shell.
    path: '/apply',
    HydrateFallback: FullPageSpin,
    lazy: async () => ({ Component: (await Promise.all([import('../apply/ApplyPage'), loadTexts('reasons', 'apply')]))[0].ApplyPage }),
  },
  {
    path: '/',
    HydrateFallback: FullPageSpin,
    lazy: async () => ({ Component: (await Promise.all([import('./AuthedShell'), loadTexts('reasons', 'apply', 'users')]))[0].AuthedShell }),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'households',
        lazy: async () => ({ Component: (await import('../households/HouseholdSearchPage')).HouseholdSearchPage }),
      },
      {
        path: 'households/:id',
        lazy: async () => ({ Component: (await import('../households/HouseholdDetailPage')).HouseholdDetailPage }),
      },
      {
        path: 'households/:id/file',
        lazy: async () => ({ Component: (await import('../monitoring/HouseholdFilePage')).HouseholdFilePage }),
      },
      {
        path: 'monitoring',
        lazy: async () => ({ Component: (await import('../monitoring/MonitoringListPage')).MonitoringListPage }),
      },
      {
        path: 'eliminations/:id',
        lazy: async () => ({ Component: (await import('../monitoring/EliminationPage')).EliminationPage }),
      },
      {
        path: 'rules',
        lazy: async () => ({ Component: (await import('../rules/RuleSetPage')).RuleSetPage }),
      },
      {
        path: 'department/import',
        lazy: async () => ({ Component: (await import('../department/DepartmentImportPage')).DepartmentImportPage }),
      },
      {
        path: 'department/batches',
        lazy: async () => ({ Component: (await import('../department/DepartmentBatchesPage')).DepartmentBatchesPage }),
      },
      {
        path: 'department/sources',
        lazy: async () => ({ Component: (await import('../department/DepartmentSourcesPage')).DepartmentSourcesPage }),
      },
      {
        path: 'warnings',
        lazy: async () => ({ Component: (await import('../warnings/WarningsPage')).WarningsPage }),
      },
      {
        path: 'hotline',
        lazy: async () => ({ Component: (await import('../hotline/HotlineDeskPage')).HotlineDeskPage }),
      },
      {
        path: 'hotline/records',
        lazy: async () => ({ Component: (await import('../hotline/HotlineRecordsPage')).HotlineRecordsPage }),
      },
      {
        path: 'visits',
        lazy: async () => ({ Component: (await import('../visits/VisitsPage')).VisitsPage }),
      },
      {
        path: 'apply/posters',
        lazy: async () => ({ Component: (await import('../apply/PostersPage')).PostersPage }),
      },
      {
        path: 'apply/poster',
        lazy: async () => ({ Component: (await import('../apply/PosterPage')).PosterPage }),
      },
      {
        path: 'stats',
        lazy: async () => ({ Component: (await import('../stats/StatsPage')).StatsPage }),
      },
      {
        path: 'stats/deadlines',
        lazy: async () => ({ Component: (await import('../stats/DeadlinesPage')).DeadlinesPage }),
      },
      {
        path: 'todo',
        lazy: async () => ({ Component: (await import('../cases/TodoPage')).TodoPage }),
      },
      {
        path: 'cases',
        lazy: async () => ({ Component: (await import('../cases/CaseListPage')).CaseListPage }),
      },
      {
        path: 'cases/:id',
        lazy: async () => ({ Component: (await import('../cases/CasePage')).CasePage }),
      },
      {
        path: 'cases/:id/notice',
        lazy: async () => ({ Component: (await import('../cases/NoticePrintPage')).NoticePrintPage }),
      },
      {
        path: 'admin/county-settings',
        lazy: async () => ({ Component: (await import('../admin/CountySettingsPage')).CountySettingsPage }),
      },
      {
        path: 'admin/users',
        lazy: async () => ({ Component: (await import('../admin/UsersPage')).UsersPage }),
      },
      {
        path: 'account/password',
        lazy: async () => ({ Component: (await import('../account/ChangePasswordPage')).ChangePasswordPage }),
      },
      {
        // antd's Result (with its 404 drawing) stays out of the first download.
        path: '*',
        lazy: async () => ({ Component: (await import('./NotFoundPage')).NotFoundPage }),
      },
    ],
  },
]);
