/**
 * The demo county's accounts, whose password is published (README, and printed by `serve`). They
 * exist only in demo mode: `serve` refuses to listen beyond loopback while any of them (or any other
 * account with this password) can log in, unless demo mode is explicit (`serve --demo`, FANGPIN_DEMO=1).
 */
export const DEMO_PASSWORD = 'Fangpin#2026';

/** One demo account per role (README lists them; `serve` prints them on a fresh demo). */
export const DEMO_ACCOUNTS = [
  { username: 'county-admin', role: 'county-admin', region: '451028', displayName: '县级管理员（演示）' },
  { username: 'monitor', role: 'county-monitor', region: '451028', displayName: '李新旺（县防贫中心监测员）' },
  { username: 'township-luoxi', role: 'township-officer', region: '451028201', displayName: '逻西乡信息员' },
  { username: 'township-tongle', role: 'township-officer', region: '451028100', displayName: '同乐镇信息员' },
  { username: 'township-gantian', role: 'township-officer', region: '451028101', displayName: '甘田镇信息员' },
  { username: 'township-huaping', role: 'township-officer', region: '451028103', displayName: '花坪镇信息员' },
  { username: 'village-mazhuang', role: 'village-cadre', region: 'MAZHUANG', displayName: '马庄村村干部' },
  { username: 'village-baile', role: 'village-cadre', region: 'BAILE', displayName: '百乐村村干部' },
  { username: 'village-shuaba', role: 'village-cadre', region: 'SHUABA', displayName: '刷把村网格员' },
  { username: 'village-nangan', role: 'village-cadre', region: '451028103201', displayName: '南干村村干部' },
  { username: 'helper', role: 'helping-cadre', region: '451028', displayName: '帮扶干部（演示）' },
  { username: 'dept-medical', role: 'department', region: '451028', displayName: '县医保局数据员' },
  { username: 'dept-hr', role: 'department', region: '451028', displayName: '县人社局数据员' },
  { username: 'leader', role: 'leader', region: '451028', displayName: '县领导（只读）' },
] as const;
