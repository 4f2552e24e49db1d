/**
 * The text a person reads for each `reason` of a problem (packages/domain/src/contracts/problems.ts).
 * `{{name}}` is filled from the problem's `params`. Chinese is written here, one section per API
 * area as in the contract; English is the contract's own text. `satisfies` makes a reason without
 * text a typecheck error.
 */
import { REASON_TEXT_EN, type ProblemReason } from '@fangpin/domain';

export const reasonsZh = {
  // access (contracts/reasons/access.ts)
  roleForbidden: '您的角色无权{{action}}',
  roleNotAllowed: '您的角色不能在本环节操作',
  noPermission: '您的角色无权进行此操作',
  outOfScope: '该记录不在您的辖区内',
  notFound: '未找到该记录',
  crossOrigin: '请求来自其他网站，已拒绝',
  unknownUser: '用户不存在',
  wrongCurrentPassword: '当前密码不正确',
  staleVersion: '该记录已被他人修改，请刷新后重试',
  dateInFuture: '日期 {{date}} 晚于今天',
  dateBeforeStep: '日期 {{date}} 早于本环节开始日期 {{stepEnteredOn}}',
  reasonRequired: '请填写原因',
  revealLimited: '查看完整身份证号或电话过于频繁（每 {{windowMinutes}} 分钟最多 {{max}} 次），请 {{minutes}} 分钟后再试',
  identifierSearchLimited: '按完整身份证号或电话查询过于频繁（每 {{windowMinutes}} 分钟最多 {{max}} 次），请 {{minutes}} 分钟后再试',

  // cases (contracts/reasons/cases.ts)
  transitionNotAllowed: '“{{step}}”环节不能进行此操作',
  consentMissing: '请先上传已签字的《申请及承诺授权查询书》',
  householdMissing: '案件尚未关联农户：请先关联户籍系统中的农户，或登记新户及其家庭成员',
  householdEmpty: '该户没有登记家庭成员：请先在农户信息中登记家庭成员',
  householdAlreadyLinked: '案件已关联农户',
  minutesMissing: '村级评议须记录参会人员和会议记录',
  noticePeriodNotOver: '公示期不少于 {{noticeDays}} 天，{{endsOn}} 起方可结束公示',
  riskTypesRequired: '认定须标注至少一个风险类型',
  categoryRequired: '请确定监测对象类别',
  tooManyRiskTypes: '风险类型最多 {{max}} 个',
  notGreenChannel: '只有绿色通道案件（灾害、意外事故）可在认定前先行帮扶',
  outsideIncomeWindow: '收入月份须在线索日期前 12 个月内（{{fromMonth}} 至 {{toMonth}}）',
  caseClosed: '案件已结束',
  notInNotice: '案件尚未进入公示阶段',

  // intake: hotline, applications, visits, department data, field sync (contracts/reasons/intake.ts)
  caseMoved: '该预警生成的案件已进入后续环节，不能更正',
  sameOutcome: '更正后的结果与原结果相同',
  notVerified: '预警尚未核实，无需更正',
  wrongStatus: '预警当前状态不允许此操作',
  beforeWarning: '核实日期早于预警生成日期（{{raisedOn}}）',
  listDateMissing: '名单缺少日期：请在标题行写明，或在导入时选择',
  listDateInFuture: '名单日期 {{date}} 晚于今天',

  // registry (contracts/reasons/registry.ts)
  personRegistered: '此人已登记在农户 {{householdNumber}} 中',

  // monitoring, elimination, statistics, field sync (contracts/reasons/monitoring.ts)
  eliminationNotAllowed: '不符合风险消除条件',
  notMonitored: '该户不是监测中的监测对象',
  eliminationRunning: '该户已有进行中的风险消除（{{caseNumber}}）',
  notEliminated: '该户尚未消除风险',
  outcomeRequired: '请选择稳定消除或消除后继续跟踪',
  dateBeforeIdentification: '日期 {{date}} 早于该户的识别日期 {{identifiedOn}}',
  dateBeforeElimination: '日期 {{date}} 早于风险消除日期 {{eliminatedOn}}',
  helperAccountMissing: '请选择帮扶干部账号',
  helperAccountNotCovering: '未找到该帮扶干部账号，或其负责区域不含该户',
  helperNameRequired: '请填写姓名',
  helperUnitRequired: '请填写帮扶责任人所在单位',
  phoneInvalid: '电话号码格式不正确',
  helperAlreadyAssigned: '{{name}} 已是该户的帮扶责任人',
  helperAlreadyReassigned: '该帮扶责任人已于 {{endedOn}} 调整',
  dateBeforeAssignment: '日期 {{date}} 早于原落实日期 {{assignedOn}}',
  riskNotOfHousehold: '风险类型 {{riskType}} 不是该户认定的风险',
  measureCategoryUnknown: '措施类别无效',
  measureRequired: '请填写具体措施',
  endBeforeStart: '结束日期 {{endOn}} 早于开始日期 {{startOn}}',
  measureNotStarted: '尚未开始的措施不能标记为已落实',
  measureMoveNotAllowed: '措施状态只能依次推进：计划 → 实施中 → 已落实',
  observedRequired: '请填写走访看到的情况',
  clientIdTaken: '该离线记录编号已被其他用户使用',
  outOfOrder: '此操作依赖的上一条记录尚未同步',
  caseMovedOn: '手机离线期间案件已进入后续环节',
  photoEmpty: '照片文件为空',
  photoTooLarge: '照片超过 {{maxMb}} MB',
  photoTypeNotAccepted: '仅支持照片（JPEG、PNG、WebP）',
  monitoringColumnMissing: '缺少必需的列：{{column}}',
  monitoringHeaderMissing: '未找到表头（应包含 户编号、人均纯收入、风险类型 等列）',
} satisfies Record<ProblemReason, string>;

export const reasonsEn: Record<ProblemReason, string> = REASON_TEXT_EN;
