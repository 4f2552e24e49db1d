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
  caseNotFound: '未找到该案件',
  mayNotReadCases: '您的角色无权查看识别认定案件',
  mayNotActOnCases: '您的角色不办理识别认定案件',
  mayNotAttachToCases: '您的角色不能上传案件附件',
  mayNotReadClues: '您的角色无权查看线索',
  mayNotReadVisitFiles: '您的角色无权查看走访记录及其附件',
  mayNotReadHouseholdFiles: '您的角色无权查看农户信息及其附件',
  attachmentNotFound: '未找到该附件',
  fileTooLarge: '文件超过 {{maxMb}} MB',
  fileEmpty: '文件为空',
  fileTypeNotAccepted: '仅支持照片（JPEG、PNG、WebP）或 PDF 扫描件',
  attachmentPurposeInvalid: '附件用途无效',
  regionCodeInvalid: '行政区划代码格式不正确',
  villageUnknown: '所在村 {{regionCode}} 无效或不在您的辖区',
  villageRequired: '请选择到行政村（或村民小组）',
  caseHouseholdNotFound: '未找到该农户',
  caseHouseholdOutsideVillage: '该农户不在本案件（线索）所在村，请在本村查找',
  memberBirthDateRequired: '第 {{row}} 位成员不在户籍中，须填写出生日期',
  objectionNoteRequired: '须记录异议内容',
  riskTypeUnknown: '风险类型代码无效：{{codes}}',

  // intake: hotline, applications, visits, department data, field sync (contracts/reasons/intake.ts)
  clientIdTaken: '该离线记录编号已被其他用户使用',
  outOfOrder: '此操作依赖的上一条记录尚未同步',
  caseMovedOn: '手机离线期间案件已进入后续环节',
  hotlineForbidden: '您的角色无权使用热线登记',
  callTimeInFuture: '来电时间不能晚于现在',
  phoneInvalid: '不是有效的电话号码',
  submissionInvalid: '提交无效',
  mobileInvalid: '请填写 11 位手机号码',
  describeInWords: '请用文字说明家里遇到的困难',
  villageNotFound: '未找到该村，请核对二维码或链接',
  countyNotFound: '未找到该县',
  applicationNotFound: '未找到该申请，请核对受理编号和手机号码',
  applicationsPerPhoneLimited: '该手机号今天已提交 {{max}} 次申请，工作人员会尽快联系您；如情况紧急请拨打防贫热线',
  applicationsRateLimited: '提交过于频繁（{{windowMinutes}} 分钟内最多 {{max}} 次），请稍后再试，或拨打防贫热线',
  visitRecordForbidden: '您的角色无权登记走访记录',
  visitReadForbidden: '您的角色无权查看走访记录',
  visitReviewForbidden: '仅乡镇信息员和县防贫中心可审核走访记录',
  visitAlreadyReviewed: '该走访记录已审核过（可能已被他人处理），请刷新',
  visitSavedTwice: '该走访记录正在重复提交，请刷新',

  // registry (contracts/reasons/registry.ts)
  personRegistered: '此人已登记在农户 {{householdNumber}} 中',
  personRegisteredElsewhere: '第 {{member}} 名成员（{{name}}）已登记在您管辖范围以外的农户',
  headCountWrong: '须且只能有一名户主（现有 {{found}} 名）',
  memberIdInvalid: '第 {{member}} 名成员（{{name}}）的身份证号不正确',
  memberIdRepeated: '第 {{member}} 名成员与第 {{first}} 名的身份证号相同',
  memberPhoneInvalid: '第 {{member}} 名成员的电话号码格式不正确',
  // department data: warnings and their correction, list dates
  caseMoved: '该预警生成的案件已进入后续环节，不能再更正核实结果；如需终止，请在案件中办理',
  sameOutcome: '更正后的结果与原结果相同',
  notVerified: '预警尚未核实，无需更正',
  wrongStatus: '预警当前状态不允许此操作',
  beforeWarning: '核实日期早于预警生成日期（{{raisedOn}}）',
  listDateMissing: '名单缺少日期：请在标题行写明，或在导入时选择',
  listDateInFuture: '名单日期 {{date}} 晚于今天',
  // accounts: login and passwords
  loginFailed: '用户名或密码错误。连续失败 {{maxFailures}} 次后账号将锁定 {{minutes}} 分钟，县级管理员可解锁',
  passwordTooShort: '密码至少 {{min}} 位',
  passwordTooLong: '密码最多 {{max}} 位',
  passwordContainsUsername: '密码不能包含用户名',
  passwordCommon: '密码过于常见',
  passwordPattern: '密码不能是重复或连续的字符（如 1111111111、abcdefghij）',
  newPasswordSame: '新密码不能与当前密码相同',

  // monitoring and elimination (contracts/reasons/monitoring.ts)
  eliminationNotAllowed: '不符合风险消除条件',
  notMonitored: '该户不是监测中的监测对象',
  eliminationRunning: '该户已有进行中的风险消除',
  notEliminated: '该户尚未消除风险',
} satisfies Record<ProblemReason, string>;

export const reasonsEn: Record<ProblemReason, string> = REASON_TEXT_EN;
