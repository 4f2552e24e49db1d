/**
 * Who works which clue-intake channel (docs/DOMAIN.md "Roles"), beyond the actions of `ROLE_ACTIONS`:
 * the hotline desk (`hotline.record`) and visit reports (`visit.record`, `visit.review`) are actions;
 * printing the self-application QR posters is not checked by the server (the QR code of any village in
 * scope may be fetched) and is decided here, once, for the menus and the posters page.
 */
import { roleAllows, type Role } from './roles.ts';

/**
 * Whether a role prints and puts up the self-application QR posters (申报二维码) of the villages in its
 * region: the staff who keep the villages' registry — county centre, township and village — and not
 * helping cadres (assigned households, not territory), department clerks or leaders.
 */
export function mayPrintApplicationPosters(role: Role): boolean {
  return roleAllows(role, 'household.write');
}
