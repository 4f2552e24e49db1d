import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp } from 'antd';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * The page a component test renders into: a fresh container and React root for every test of the
 * file that calls `testPage()`, torn down after each test with antd's pop-ups and any stubbed
 * globals (fetch, XMLHttpRequest).
 */
export type TestPage = {
  readonly container: HTMLDivElement;
  /** Renders `element` inside the app's providers (React Query without retries, antd's App) and a router at `path`. */
  render: (element: ReactNode, path?: string) => void;
  /** The element with this `data-testid`, in the page or in a pop-up (modal, dropdown). */
  byTestId: <T extends HTMLElement = HTMLElement>(id: string) => T | null;
  /** Lets React and timers run until `check` holds; fails with `what` and the page's text after 4 s. */
  waitFor: (check: () => boolean, what: string) => Promise<void>;
};

export function testPage(): TestPage {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.appendChild(container);
    root = createRoot(container);
  });
  afterEach(() => {
    act(() => root.unmount());
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });
  return {
    get container() {
      return container;
    },
    render: (element, path = '/') => {
      const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
      const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
      act(() =>
        root.render(
          <QueryClientProvider client={client}>
            <AntdApp>
              <RouterProvider router={router} />
            </AntdApp>
          </QueryClientProvider>,
        ),
      );
    },
    byTestId: <T extends HTMLElement = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`),
    waitFor: async (check, what) => {
      for (let i = 0; i < 200; i++) {
        if (check()) return;
        await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
      }
      throw new Error(`timed out waiting for ${what}: ${container.textContent}`);
    },
  };
}

/** A JSON answer as the server gives it (`application/problem+json` for errors). */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}
