import { abilitiesOf, type Role } from '@fangpin/domain';
import { act } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import '../i18n';
import type { Me } from '../api/types';
import { testPage } from '../test/test-page';
import { BottomNav } from './BottomNav';

const page = testPage();
const { byTestId } = page;

/** A signed-in user of `role` with the abilities the server would send (the domain's own table). */
const meOf = (role: Role): Me => {
  const actor = { userId: 'u1', username: 'u', role, regionCode: '451028100201' };
  return { id: 'u1', username: 'u', displayName: '测试', role, roleLabel: { zh: '角色', en: 'Role' }, regionCode: actor.regionCode, regionName: '刷把村', abilities: abilitiesOf(actor) } as Me;
};

function Where() {
  return <span data-testid="where">{useLocation().pathname}</span>;
}

const labels = () => [...page.container.querySelectorAll('.fp-bottom-nav-label')].map((e) => e.textContent);

describe('the bottom navigation of those who work in the villages', () => {
  it('a village cadre: 待办 with its count, 农户, 走访, the offline app and 更多', () => {
    page.render(
      <Routes>
        <Route path="*" element={<><BottomNav me={meOf('village-cadre')} todoCount={3} onMore={() => undefined} /><Where /></>} />
      </Routes>,
      '/todo',
    );
    expect(labels()).toEqual(['待办', '农户', '走访', '离线采集', '更多']);
    expect(byTestId('bottom-nav-todo')!.getAttribute('aria-current')).toBe('page');
    expect(byTestId('bottom-nav-todo-count')!.textContent).toContain('3');
    expect(byTestId('bottom-nav-field')!.getAttribute('href')).toBe('/field');
    act(() => byTestId('bottom-nav-visits')!.click());
    expect(byTestId('where')!.textContent).toBe('/visits');
  });

  it('a helping cadre reaches 我的帮扶户 (the households assigned to them), not the registry search', () => {
    page.render(<BottomNav me={meOf('helping-cadre')} todoCount={0} onMore={() => undefined} />, '/monitoring');
    expect(labels()).toEqual(expect.arrayContaining(['帮扶户', '走访', '离线采集', '更多']));
    expect(labels()).not.toContain('农户');
    expect(byTestId('bottom-nav-monitoring')!.getAttribute('aria-current')).toBe('page');
  });

  it('更多 opens the whole menu', () => {
    const onMore = vi.fn();
    page.render(<BottomNav me={meOf('village-cadre')} todoCount={0} onMore={onMore} />);
    act(() => byTestId('bottom-nav-more')!.click());
    expect(onMore).toHaveBeenCalledOnce();
  });

  it('is for field roles only: the ability is false for the county centre, township, leader and clerks', () => {
    for (const role of ['county-admin', 'county-monitor', 'township-officer', 'leader', 'department'] as const) expect(meOf(role).abilities.worksInTheField).toBe(false);
  });
});
