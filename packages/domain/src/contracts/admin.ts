/**
 * Accounts and administration API: login and the signed-in user (`Me`), passwords, account
 * administration (用户管理), the audit log, regions, county settings and rule sets (issue 12: one
 * contract for server and web).
 */
import { z } from 'zod';
import { AbilitiesSchema } from '../access/abilities.ts';
import { ROLES } from '../access/roles.ts';
import { IsoDateSchema, RuleSetSchema } from '../rulesets/rule-set.schema.ts';
import { RegionRefSchema } from './registry.ts';

export const RoleSchema = z.enum(ROLES);
export const RoleLabelSchema = z.object({ zh: z.string(), en: z.string() });

// The abilities are the access module's (access/abilities.ts: derived from the same table as `can`).

/** Who an account is, as both the signed-in user ({@link MeSchema}) and the administrator's list ({@link ManagedUserSchema}) show it. */
const accountFields = {
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  roleLabel: RoleLabelSchema,
  regionCode: z.string(),
};

/** The signed-in user (GET /api/auth/me, and the answer of login and password change). */
export const MeSchema = z
  .object({
    ...accountFields,
    regionName: z.string(),
    /** The user's region and its ancestors, province first (names for pages that show inherited rules). */
    regionPath: z.array(RegionRefSchema),
    /** An administrator set the password: every other API answers 403 PASSWORD_CHANGE_REQUIRED until the user changes it. */
    mustChangePassword: z.boolean(),
    abilities: AbilitiesSchema,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;
export const MeAnswerSchema = z.object({ user: MeSchema });

export const LoginBodySchema = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof LoginBodySchema>;
export const OwnPasswordBodySchema = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export type OwnPasswordBody = z.infer<typeof OwnPasswordBodySchema>;
export const OwnPasswordAnswerSchema = z.object({ user: MeSchema, endedSessions: z.number().int() });

/** An account as `GET /api/users` presents it to a county admin (never a password). */
export const ManagedUserSchema = z
  .object({
    ...accountFields,
    regionName: z.string().nullable(),
    isDisabled: z.boolean(),
    /** Locked after repeated failed logins, until `lockedUntil` (an administrator can unlock). */
    isLocked: z.boolean(),
    lockedUntil: z.string().nullable(),
    failedLogins: z.number().int(),
    /** Must choose a new password at the next login (set by an administrator). */
    mustChangePassword: z.boolean(),
    /** One of the demo county's seeded accounts (published password). */
    isDemo: z.boolean(),
    lastLoginAt: z.string().nullable(),
    passwordChangedAt: z.string().nullable(),
    createdAt: z.string(),
    /** Whether the viewer may act on this account (not on their own: that is 修改密码). */
    canManage: z.boolean(),
  })
  .meta({ id: 'ManagedUser' });
export type ManagedUser = z.infer<typeof ManagedUserSchema>;
export const ManagedUsersSchema = z.object({ items: z.array(ManagedUserSchema) });
export const UserParamsSchema = z.object({ id: z.string().max(64) });
export const UserAnswerSchema = z.object({ user: ManagedUserSchema });
export const UserAndSessionsSchema = z.object({ user: ManagedUserSchema, endedSessions: z.number().int() });
export const TemporaryPasswordAnswerSchema = z.object({ user: ManagedUserSchema, temporaryPassword: z.string(), endedSessions: z.number().int() });
/**
 * A signed-in device of an account, as its county admin sees it (用户管理 → 登录设备): the browser's
 * User-Agent at sign-in, when, and when last seen. No IP address (docs/field-app.md "A phone left behind — threat model").
 */
export const DeviceSessionSchema = z
  .object({
    id: z.string(),
    userAgent: z.string().nullable(),
    signedInAt: z.string(),
    lastSeenAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'DeviceSession' });
export type DeviceSession = z.infer<typeof DeviceSessionSchema>;
export const DeviceSessionsSchema = z.object({ items: z.array(DeviceSessionSchema) });
/** Sign one device out (`sessionId`) or, without it, every device of the account. */
export const SignOutDevicesBodySchema = z.strictObject({ sessionId: z.string().uuid().optional() });
export type SignOutDevicesBody = z.infer<typeof SignOutDevicesBodySchema>;
/** How many were signed out, and the devices still signed in. */
export const SignOutDevicesAnswerSchema = z.object({ endedSessions: z.number().int(), items: z.array(DeviceSessionSchema) });
export const NewUserBodySchema = z.strictObject({
  username: z.string().max(100),
  password: z.string().max(200),
  role: z.string().max(40),
  region: z.string().max(15),
  displayName: z.string().max(50).optional(),
  mustChangePassword: z.boolean().default(true),
});
export type NewUserBody = z.input<typeof NewUserBodySchema>;
export const SetPasswordBodySchema = z.strictObject({ password: z.string().max(200), mustChangePassword: z.boolean().default(true) });
export type SetPasswordBody = z.input<typeof SetPasswordBodySchema>;

export const AuditQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  actor: z.string().max(100).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const AuditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  actorUsername: z.string(),
  actorRole: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export const AuditPageSchema = z.object({ items: z.array(AuditEntrySchema), total: z.number() });

export const RegionSearchQuerySchema = z.strictObject({ q: z.string().min(1).max(50), limit: z.coerce.number().int().min(1).max(100).default(20) });
export const RegionSearchSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string(), level: z.string(), path: z.string() })) });
export type RegionTreeNode = { code: string; name: string; level: string; children: RegionTreeNode[] };
export const RegionTreeNodeSchema: z.ZodType<RegionTreeNode> = z.lazy(() =>
  z.object({ code: z.string(), name: z.string(), level: z.string(), children: z.array(RegionTreeNodeSchema) }).meta({ id: 'RegionTreeNode' }),
);
export const RegionTreeQuerySchema = z.strictObject({ root: z.string().max(15).optional(), depth: z.coerce.number().int().min(0).max(5).default(2) });

export const CountySettingsSchema = z
  .object({
    countyCode: z.string(),
    /** 监督举报电话, printed on the public notice (公示) and the self-application QR poster. */
    supervisionPhone: z.string().nullable(),
    updatedBy: z.string().nullable(),
    updatedByDisplayName: z.string().nullable().describe('the display name of the account behind updatedBy'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CountySettings' });
export type CountySettings = z.infer<typeof CountySettingsSchema>;
export const CountySettingsBodySchema = z.strictObject({ supervisionPhone: z.string().max(60).nullable() });

export const RuleSetInForceQuerySchema = z.strictObject({ regionCode: z.string().optional(), date: IsoDateSchema.optional() });
export const RuleSetInForceSchema = z.object({ ruleSet: RuleSetSchema });
export const RuleSetVersionsQuerySchema = z.strictObject({ regionCode: z.string().optional() });
/** A partial rule set as stored: what one version sets (objects partial at every level). */
export const StoredRulesSchema = z.record(z.string(), z.unknown());
export type StoredRules = z.infer<typeof StoredRulesSchema>;
/** One stored version (GET /api/rule-sets/versions), newest first. */
export const RuleSetVersionItemSchema = z.object({ version: z.string(), regionCode: z.string(), effectiveFrom: z.string(), rules: StoredRulesSchema, note: z.string().nullable(), createdBy: z.string(), createdByDisplayName: z.string().nullable().describe('the display name of the account that stored it; null for the system'), createdAt: z.string() });
export type RuleSetVersionItem = z.infer<typeof RuleSetVersionItemSchema>;
export const RuleSetVersionsSchema = z.object({ items: z.array(RuleSetVersionItemSchema) });
export const RuleSetChangeSchema = z.object({ path: z.string().describe('dotted path, e.g. monitoringLine.yuanPerPersonYear'), before: z.unknown(), after: z.unknown() });
export type RuleSetChangeItem = z.infer<typeof RuleSetChangeSchema>;
export const NewRuleSetVersionSchema = z.strictObject({ regionCode: z.string(), effectiveFrom: IsoDateSchema, rules: StoredRulesSchema, note: z.string().max(500).optional() });
export type NewRuleSetVersion = z.infer<typeof NewRuleSetVersionSchema>;
/** Answer of the preview and of publishing: the new version's name and its diff. */
export const RuleSetPublishResultSchema = z.object({ version: z.string(), regionCode: z.string(), effectiveFrom: z.string(), changes: z.array(RuleSetChangeSchema), resolvedVersion: z.string() });
export type RuleSetPublishResult = z.infer<typeof RuleSetPublishResultSchema>;
export const AssessmentBodySchema = z.strictObject({ household: z.unknown() });
/** The assessment as the domain writes it (HouseholdAssessment; advice, never a decision). */
export const AssessmentAnswerSchema = z.object({ assessment: z.record(z.string(), z.unknown()) });
export const AddWorkingDaysQuerySchema = z.strictObject({ date: IsoDateSchema, days: z.coerce.number().int().min(0).max(366), regionCode: z.string().optional() });
export const AddWorkingDaysSchema = z.object({ date: z.string(), days: z.number(), result: z.string() });
