/** Reasons of the household registry (农户信息) and its imports. */
export const REGISTRY_REASONS_EN = {
  personRegistered: 'This person is already registered in household {{householdNumber}}',
} as const;
