/** An account as `GET /api/users` presents it to a county admin (never a password): the contract's type. */
export type { DeviceSession, ManagedUser } from '@fangpin/domain';

/** The state filter of the accounts page (built by the page, not a server shape). */
export type UserState = 'active' | 'disabled' | 'locked' | 'mustChange';
