import type { ColumnSpec } from '../../files/header-map.ts';

/** Fields of a registry import row (one row per member; household fields repeat on each row). */
export type RegistryField =
  | 'householdNumber'
  | 'householdType'
  | 'regionCode'
  | 'township'
  | 'village'
  | 'address'
  | 'phone'
  | 'name'
  | 'idNumber'
  | 'sex'
  | 'birthDate'
  | 'relation'
  | 'health'
  | 'labourCapacity'
  | 'schooling'
  | 'migrantMonths'
  | 'hasMedicalInsurance'
  | 'hasPensionInsurance'
  | 'isDibao'
  | 'isTekun';

/** National-system style headers (防返贫监测信息系统 exports) and the usual variants. */
export const REGISTRY_COLUMNS: readonly ColumnSpec<RegistryField>[] = [
  { field: 'householdNumber', aliases: ['户编号', '户码', '户号', '农户编号'], isRequired: true },
  { field: 'householdType', aliases: ['户类型', '农户类型', '户属性', '脱贫户/一般农户'] },
  { field: 'regionCode', aliases: ['行政区划代码', '区划代码', '村代码', '行政区划编码'] },
  { field: 'township', aliases: ['乡镇', '乡(镇)', '乡镇(街道)', '所属乡镇'] },
  { field: 'village', aliases: ['行政村', '村', '所属村', '村(社区)'] },
  { field: 'address', aliases: ['家庭住址', '住址', '地址', '家庭地址'] },
  { field: 'phone', aliases: ['联系电话', '电话', '手机号码', '联系方式', '手机号'] },
  { field: 'name', aliases: ['姓名', '成员姓名'], isRequired: true },
  { field: 'idNumber', aliases: ['证件号码', '身份证号', '身份证号码', '公民身份号码', '身份证件号码'], isRequired: true },
  { field: 'sex', aliases: ['性别'] },
  { field: 'birthDate', aliases: ['出生日期', '出生年月'] },
  { field: 'relation', aliases: ['与户主关系'], isRequired: true },
  { field: 'health', aliases: ['健康状况'] },
  { field: 'labourCapacity', aliases: ['劳动技能', '劳动能力'] },
  { field: 'schooling', aliases: ['文化程度', '在校生情况'] },
  { field: 'migrantMonths', aliases: ['务工时间(月)', '务工时间', '务工月数', '外出务工时间(月)'] },
  { field: 'hasMedicalInsurance', aliases: ['是否参加城乡居民基本医疗保险', '是否参加医疗保险', '是否参加大病保险'] },
  { field: 'hasPensionInsurance', aliases: ['是否参加城乡居民基本养老保险', '是否参加养老保险'] },
  { field: 'isDibao', aliases: ['是否享受低保', '是否低保', '低保'] },
  { field: 'isTekun', aliases: ['是否特困供养', '是否特困', '特困供养'] },
];
