import { ExperimentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { apiFetch } from '../api/client';

/** Whether this install runs as a demo (demo data, published passwords): asked once, before login. */
export function useInstance() {
  return useQuery({
    queryKey: ['instance'],
    queryFn: ({ signal }) => apiFetch<{ isDemo: boolean }>('/api/instance', { signal, ignoreUnauthorized: true }),
    staleTime: Infinity,
  });
}

/**
 * The 演示环境 strip at the top of every page — login, the public application form, the signed-in
 * app — while the server runs as a demo, so demo data and published passwords are never mistaken
 * for a real county's. It stays at the top while the page scrolls; its height is published as
 * `--fp-demo-banner` so the sticky header and full-height pages sit below it.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const instance = useInstance();
  const ref = useRef<HTMLDivElement>(null);
  const isDemo = instance.data?.isDemo === true;
  useLayoutEffect(() => {
    const root = document.documentElement;
    const element = ref.current;
    if (!isDemo || !element) {
      root.style.removeProperty('--fp-demo-banner');
      return;
    }
    const publish = () => root.style.setProperty('--fp-demo-banner', `${element.offsetHeight}px`);
    publish();
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(publish);
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      root.style.removeProperty('--fp-demo-banner');
    };
  }, [isDemo]);
  if (!isDemo) return null;
  return (
    <div className="fp-demo-banner" role="status" data-testid="demo-banner" ref={ref}>
      <ExperimentOutlined aria-hidden />
      <strong>{t('demo.banner')}</strong>
      <span className="fp-demo-banner-detail">{t('demo.bannerDetail')}</span>
    </div>
  );
}
