import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { useMe } from '../api/hooks';
import { FullPageSpin } from './FullPageSpin';
import { homePathFor } from './home-path';
import { loadTexts, type TextNamespace } from '../i18n/resources';

/** The start page follows what the user does (home-path.ts): 待办, 数据导入, the case list … */
function HomeRedirect() {
  // useMe, not useSignedInUser: this file is in the first download, and useSuspenseQuery is not.
  const me = useMe();
  if (!me.data) return <FullPageSpin />;
  return <Navigate to={homePathFor(me.data.abilities)} replace />;
}

/**
 * A page loaded on demand, with the catalogs it reads (i18n/resources.ts) loaded before it renders;
 * app/route-texts.test.ts checks that the list names every catalog the page and its parts read.
 */
function page<M extends Record<K, ComponentType>, K extends string>(
  load: () => Promise<M>,
  name: K,
  texts: TextNamespace[] = [],
) {
  return async () => {
    const [module] = await Promise.all([load(), loadTexts(...texts)]);
    return { Component: module[name] };
  };
}

// Pages (and the signed-in shell) are loaded on demand, so the first screen on a cheap phone only
// downloads what it shows.
export const router = createBrowserRouter([
  {
    path: '/login',
    HydrateFallback: FullPageSpin,
    lazy: page(() => import('../auth/LoginPage'), 'LoginPage'),
  },
  {
    // Public self-application (自主申报) opened from a village QR code: no login, no app shell. Like
    // the login page it loads the reasons' texts only when an error carries a reason (ui/problem.ts).
    path: '/apply',
    HydrateFallback: FullPageSpin,
    lazy: page(() => import('../apply/ApplyPage'), 'ApplyPage', ['apply']),
  },
  {
    path: '/',
    HydrateFallback: FullPageSpin,
    lazy: page(() => import('./AuthedShell'), 'AuthedShell', ['reasons', 'apply', 'users', 'hotline']),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'households',
        lazy: page(() => import('../households/HouseholdSearchPage'), 'HouseholdSearchPage', ['monitoring']),
      },
      {
        path: 'households/:id',
        lazy: page(() => import('../households/HouseholdDetailPage'), 'HouseholdDetailPage', [
          'monitoring',
          'elimination',
        ]),
      },
      {
        path: 'households/:id/file',
        lazy: page(() => import('../monitoring/HouseholdFilePage'), 'HouseholdFilePage', ['monitoring', 'cases']),
      },
      {
        path: 'monitoring',
        lazy: page(() => import('../monitoring/MonitoringListPage'), 'MonitoringListPage', ['monitoring']),
      },
      {
        path: 'eliminations/:id',
        lazy: page(() => import('../monitoring/EliminationPage'), 'EliminationPage', ['elimination', 'cases']),
      },
      {
        path: 'eliminations/:id/notice',
        lazy: page(() => import('../monitoring/EliminationNoticePrintPage'), 'EliminationNoticePrintPage', ['elimination', 'cases']),
      },
      {
        path: 'rules',
        lazy: page(() => import('../rules/RuleSetPage'), 'RuleSetPage'),
      },
      {
        path: 'department/import',
        lazy: page(() => import('../department/DepartmentImportPage'), 'DepartmentImportPage', ['department']),
      },
      {
        path: 'department/batches',
        lazy: page(() => import('../department/DepartmentBatchesPage'), 'DepartmentBatchesPage', ['department']),
      },
      {
        path: 'department/sources',
        lazy: page(() => import('../department/DepartmentSourcesPage'), 'DepartmentSourcesPage', ['department']),
      },
      {
        path: 'warnings',
        lazy: page(() => import('../warnings/WarningsPage'), 'WarningsPage'),
      },
      {
        path: 'hotline',
        lazy: page(() => import('../hotline/HotlineDeskPage'), 'HotlineDeskPage', ['cases']),
      },
      {
        path: 'hotline/records',
        lazy: page(() => import('../hotline/HotlineRecordsPage'), 'HotlineRecordsPage'),
      },
      {
        path: 'visits',
        lazy: page(() => import('../visits/VisitsPage'), 'VisitsPage', ['visits']),
      },
      {
        path: 'apply/posters',
        lazy: page(() => import('../apply/PostersPage'), 'PostersPage'),
      },
      {
        path: 'apply/poster',
        lazy: page(() => import('../apply/PosterPage'), 'PosterPage'),
      },
      {
        path: 'stats',
        lazy: page(() => import('../stats/StatsPage'), 'StatsPage', ['stats', 'cases', 'monitoring']),
      },
      {
        path: 'stats/deadlines',
        lazy: page(() => import('../stats/DeadlinesPage'), 'DeadlinesPage', ['stats', 'cases', 'elimination']),
      },
      {
        path: 'todo',
        lazy: page(() => import('../cases/TodoPage'), 'TodoPage', ['cases', 'monitoring', 'elimination']),
      },
      {
        path: 'cases',
        lazy: page(() => import('../cases/CaseListPage'), 'CaseListPage', ['cases']),
      },
      {
        path: 'cases/:id',
        lazy: page(() => import('../cases/CasePage'), 'CasePage', ['cases', 'elimination']),
      },
      {
        path: 'cases/:id/notice',
        lazy: page(() => import('../cases/NoticePrintPage'), 'NoticePrintPage', ['cases']),
      },
      {
        path: 'admin/county-settings',
        lazy: page(() => import('../admin/CountySettingsPage'), 'CountySettingsPage'),
      },
      {
        path: 'admin/users',
        lazy: page(() => import('../admin/UsersPage'), 'UsersPage'),
      },
      {
        path: 'account/password',
        lazy: page(() => import('../account/ChangePasswordPage'), 'ChangePasswordPage'),
      },
      {
        // antd's Result (with its 404 drawing) stays out of the first download.
        path: '*',
        lazy: page(() => import('./NotFoundPage'), 'NotFoundPage'),
      },
    ],
  },
]);
