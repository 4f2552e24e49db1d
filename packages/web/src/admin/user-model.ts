import { ROLES, ROLE_MIN_LEVEL, type Role } from '@fangpin/domain';
import type { RegionTreeNode } from '../api/types';
import type { ManagedUser, UserState } from './types';

/** The states an account is in, most important first (an enabled account with nothing special is `active`). */
export function userStates(user: ManagedUser): UserState[] {
  const states: UserState[] = [];
  if (user.isDisabled) states.push('disabled');
  if (user.isLocked) states.push('locked');
  if (user.mustChangePassword) states.push('mustChange');
  return states.length > 0 ? states : ['active'];
}

export interface UserFilter {
  q: string;
  role: Role | '';
  state: UserState | '';
}

/** The accounts matching the search text (username or name), the role and the state. */
export function filterUsers(users: readonly ManagedUser[], filter: UserFilter): ManagedUser[] {
  const q = filter.q.trim().toLowerCase();
  return users.filter(
    (u) =>
      (!q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q)) &&
      (!filter.role || u.role === filter.role) &&
      (!filter.state || userStates(u).includes(filter.state)),
  );
}

export interface RegionOption {
  code: string;
  name: string;
  level: string;
  /** Names from the admin's region down, e.g. "逻西乡 / 马庄村". */
  path: string;
}

/** Every region of the tree (the admin's own first), with its path of names below the root. */
export function flattenRegions(root: RegionTreeNode): RegionOption[] {
  const options: RegionOption[] = [];
  const walk = (node: RegionTreeNode, names: string[]) => {
    options.push({ code: node.code, name: node.name, level: node.level, path: names.length > 0 ? names.join(' / ') : node.name });
    for (const child of node.children ?? []) walk(child, [...names, child.name]);
  };
  walk(root, []);
  return options;
}

/** The regions an account of `role` may be given (a village cadre a village, a township officer a township …). */
export function regionsForRole(regions: readonly RegionOption[], role: Role | undefined): RegionOption[] {
  if (!role) return [];
  const levels: readonly string[] = ROLE_MIN_LEVEL[role];
  return regions.filter((r) => levels.includes(r.level));
}

/** The roles that have at least one region of the admin's tree to be given. */
export function assignableRoles(regions: readonly RegionOption[]): Role[] {
  return ROLES.filter((role) => regionsForRole(regions, role).length > 0);
}

/** What a browser's User-Agent says about the device, in words a county admin recognises (no version numbers). */
export interface DeviceKind {
  /** The system: a product name shown as is (Android, iPhone, Windows…), or null when unknown. */
  system: string | null;
  form: 'phone' | 'tablet' | 'computer' | null;
  /** The browser: a product name shown as is, `wechat` (微信's own browser), or null. */
  browser: string | null;
}

export function deviceKind(userAgent: string | null): DeviceKind {
  const ua = userAgent ?? '';
  const system = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /HarmonyOS/i.test(ua)
        ? 'HarmonyOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Windows/.test(ua)
            ? 'Windows'
            : /Macintosh|Mac OS X/.test(ua)
              ? 'macOS'
              : /Linux/.test(ua)
                ? 'Linux'
                : null;
  const form = !system ? null : system === 'iPad' || (/Android/.test(ua) && !/Mobile/.test(ua)) ? 'tablet' : /iPhone|Android|HarmonyOS|Mobile/.test(ua) ? 'phone' : 'computer';
  const browser = /MicroMessenger/.test(ua)
    ? 'wechat'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  return { system, form, browser };
}
