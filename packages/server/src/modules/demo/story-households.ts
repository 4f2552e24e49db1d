import { addCalendarDays, idChecksumChar } from '@fangpin/domain';
import type { RegistryRow } from './generate-registry.ts';

/**
 * Households of the founding story (docs/founding-story.md) placed in the demo registry so the
 * journeys can be played on the demo: 小黄 in 逻西乡马庄村 (he calls the hotline), 张百谋 in
 * 同乐镇刷把村 (his shop burns). Names other than theirs, birth dates and phones are invented.
 * ID sequence numbers 9xx never come out of the generator (it hands out < 500 per day and sex).
 */
function id(county: string, birthDate: string, seq: string): string {
  const first17 = county + birthDate.replace(/-/g, '') + seq;
  return first17 + idChecksumChar(first17);
}

const base = {
  health: 'healthy',
  migrantMonths: 0,
  hasMedicalInsurance: true,
  hasPensionInsurance: true,
  isDibao: false,
  isTekun: false,
} as const;

export function storyRegistryRows(villageCode: (name: string) => string): RegistryRow[] {
  const mazhuang = villageCode('马庄村');
  const shuaba = villageCode('刷把村');
  const baile = villageCode('百乐村');
  const nangan = villageCode('南干村');
  const huang = `${mazhuang}900001`;
  const zhang = `${shuaba}900001`;
  // 阿文 (甘田镇百乐村, thalassaemia) and 龙学 (花坪镇南干村, unstable work): monitoring objects of the
  // demo whose risk may now be eliminated (seed-eliminations.ts); the journeys play their elimination.
  const awen = `${baile}900001`;
  const longxue = `${nangan}900001`;
  // The first half of 阿文's story (the 阿文 journey plays it): a 脱贫户 of 百乐村 not yet monitored,
  // whose boy (黄文, 阿文 at home) has thalassaemia; the medical bureau's January file finds them.
  const huangwen = `${baile}900002`;
  // The first half of 龙学's story (the 龙学 journey plays it), on two 南干村 households not yet
  // monitored, each with a young man back from Guangdong after losing factory work: 岑德贵's (the son
  // 岑龙学; the HR bureau's file of 40 days ago finds him, `storyHrFile`) and 覃建新's (the son 覃志勇;
  // the clerk's own upload in the journey finds him).
  const cen = `${nangan}900002`;
  const qin = `${nangan}900003`;
  return [
    { ...base, householdNumber: cen, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村弄干屯', phone: '13977661605', name: '岑德贵', idNumber: id('451028', '1966-10-04', '931'), sex: 'male', birthDate: '1966-10-04', relation: 'head', labourCapacity: 'partial', health: 'chronic', schooling: 'primary' },
    { ...base, householdNumber: cen, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村弄干屯', phone: '', name: '罗桂珍', idNumber: id('451028', '1969-02-11', '932'), sex: 'female', birthDate: '1969-02-11', relation: 'spouse', labourCapacity: 'full', schooling: 'primary' },
    { ...base, householdNumber: cen, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村弄干屯', phone: '13977661606', name: '岑龙学', idNumber: id('451028', '1998-07-23', '933'), sex: 'male', birthDate: '1998-07-23', relation: 'son', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: cen, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村弄干屯', phone: '', name: '岑小燕', idNumber: id('451028', '2009-05-06', '934'), sex: 'female', birthDate: '2009-05-06', relation: 'daughter', labourCapacity: 'notApplicable', schooling: 'inSchool', hasPensionInsurance: false },
    { ...base, householdNumber: qin, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村南干屯', phone: '13977661607', name: '覃建新', idNumber: id('451028', '1972-03-15', '935'), sex: 'male', birthDate: '1972-03-15', relation: 'head', labourCapacity: 'full', schooling: 'primary' },
    { ...base, householdNumber: qin, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村南干屯', phone: '', name: '陆秀芳', idNumber: id('451028', '1975-06-20', '936'), sex: 'female', birthDate: '1975-06-20', relation: 'spouse', labourCapacity: 'full', schooling: 'primary' },
    { ...base, householdNumber: qin, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村南干屯', phone: '', name: '覃志勇', idNumber: id('451028', '2001-11-08', '937'), sex: 'male', birthDate: '2001-11-08', relation: 'son', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: huangwen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '13907761502', name: '黄启明', idNumber: id('451028', '1986-05-10', '951'), sex: 'male', birthDate: '1986-05-10', relation: 'head', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: huangwen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '', name: '韦春燕', idNumber: id('451028', '1989-08-21', '942'), sex: 'female', birthDate: '1989-08-21', relation: 'spouse', labourCapacity: 'partial', schooling: 'primary' },
    { ...base, householdNumber: huangwen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '', name: '黄文', idNumber: id('451028', '2019-03-14', '953'), sex: 'male', birthDate: '2019-03-14', relation: 'son', health: 'serious', labourCapacity: 'notApplicable', schooling: 'preschool', hasPensionInsurance: false },
    { ...base, householdNumber: huangwen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '', name: '罗桂芬', idNumber: id('451028', '1958-12-02', '944'), sex: 'female', birthDate: '1958-12-02', relation: 'mother', health: 'chronic', labourCapacity: 'none', schooling: 'illiterate' },
    { ...base, householdNumber: awen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '13907761501', name: '韦志强', idNumber: id('451028', '1987-02-02', '971'), sex: 'male', birthDate: '1987-02-02', relation: 'head', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: awen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '', name: '黄丽娟', idNumber: id('451028', '1990-07-15', '962'), sex: 'female', birthDate: '1990-07-15', relation: 'spouse', labourCapacity: 'partial', schooling: 'primary' },
    { ...base, householdNumber: awen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '', name: '韦阿文', idNumber: id('451028', '2015-04-01', '973'), sex: 'male', birthDate: '2015-04-01', relation: 'son', health: 'serious', labourCapacity: 'notApplicable', schooling: 'inSchool', hasPensionInsurance: false },
    { ...base, householdNumber: awen, householdType: 'formerlyPoor', villageCode: baile, address: '甘田镇百乐村百乐屯', phone: '', name: '罗秀英', idNumber: id('451028', '1952-11-30', '964'), sex: 'female', birthDate: '1952-11-30', relation: 'mother', health: 'chronic', labourCapacity: 'none', schooling: 'illiterate' },
    { ...base, householdNumber: longxue, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村南干屯', phone: '13977661603', name: '罗龙学', idNumber: id('451028', '1985-06-18', '975'), sex: 'male', birthDate: '1985-06-18', relation: 'head', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: longxue, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村南干屯', phone: '', name: '黄美玲', idNumber: id('451028', '1988-03-09', '966'), sex: 'female', birthDate: '1988-03-09', relation: 'spouse', labourCapacity: 'full', schooling: 'primary' },
    { ...base, householdNumber: longxue, householdType: 'ordinary', villageCode: nangan, address: '花坪镇南干村南干屯', phone: '', name: '罗小军', idNumber: id('451028', '2012-09-01', '977'), sex: 'male', birthDate: '2012-09-01', relation: 'son', labourCapacity: 'notApplicable', schooling: 'inSchool', hasPensionInsurance: false },
    { ...base, householdNumber: huang, householdType: 'ordinary', villageCode: mazhuang, address: '逻西乡马庄村马庄屯', phone: '13907761201', name: '黄小东', idNumber: id('451028', '1994-03-12', '991'), sex: 'male', birthDate: '1994-03-12', relation: 'head', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: huang, householdType: 'ordinary', villageCode: mazhuang, address: '逻西乡马庄村马庄屯', phone: '', name: '韦秀梅', idNumber: id('451028', '1996-08-20', '982'), sex: 'female', birthDate: '1996-08-20', relation: 'spouse', labourCapacity: 'full', schooling: 'juniorHigh' },
    { ...base, householdNumber: huang, householdType: 'ordinary', villageCode: mazhuang, address: '逻西乡马庄村马庄屯', phone: '', name: '黄子轩', idNumber: id('451028', '2021-05-18', '993'), sex: 'male', birthDate: '2021-05-18', relation: 'son', labourCapacity: 'notApplicable', schooling: 'preschool', hasPensionInsurance: false },
    { ...base, householdNumber: zhang, householdType: 'ordinary', villageCode: shuaba, address: '同乐镇刷把村刷把屯', phone: '13977661302', name: '张百谋', idNumber: id('451028', '1974-09-09', '995'), sex: 'male', birthDate: '1974-09-09', relation: 'head', labourCapacity: 'full', schooling: 'primary' },
    { ...base, householdNumber: zhang, householdType: 'ordinary', villageCode: shuaba, address: '同乐镇刷把村刷把屯', phone: '', name: '罗桂英', idNumber: id('451028', '1977-05-21', '984'), sex: 'female', birthDate: '1977-05-21', relation: 'spouse', labourCapacity: 'full', schooling: 'primary' },
    { ...base, householdNumber: zhang, householdType: 'ordinary', villageCode: shuaba, address: '同乐镇刷把村刷把屯', phone: '', name: '张家宝', idNumber: id('451028', '2010-10-03', '997'), sex: 'male', birthDate: '2010-10-03', relation: 'son', labourCapacity: 'notApplicable', schooling: 'inSchool', hasPensionInsurance: false },
    { ...base, householdNumber: zhang, householdType: 'ordinary', villageCode: shuaba, address: '同乐镇刷把村刷把屯', phone: '', name: '陆秀兰', idNumber: id('451028', '1946-01-15', '986'), sex: 'female', birthDate: '1946-01-15', relation: 'mother', health: 'chronic', labourCapacity: 'none', schooling: 'illiterate' },
  ];
}

/**
 * The medical bureau's settlements file of January 2026 (医保结算), compared on `comparedOn`: 黄文's
 * thalassaemia treatment, 13,600 yuan out of pocket in four months. The demo imports it on its day
 * through the real import (a warning cannot be verified before the day it was raised, and the clock
 * cannot move), so the 阿文 journey can play the warning, the identification and the months after it.
 */
export function storyMedicalFile(): { comparedOn: string; fileName: string; csv: string } {
  const wen = id('451028', '2019-03-14', '953');
  return {
    comparedOn: '2026-01-26',
    fileName: '乐业县医保结算明细（2026年1月，演示）.csv',
    csv: ['身份证号码,姓名,结算日期,个人自付', `${wen},黄文,2025-10-12,5200`, `${wen},黄文,2025-12-03,4800`, `${wen},黄文,2026-01-15,3600`].join('\n') + '\n',
  };
}

/**
 * The HR and social-security bureau's list (人社 失业登记、务工不稳) compared 40 days before `today`:
 * 岑龙学 registered as unemployed after his Dongguan factory closed its line. The demo imports it on
 * its day through the real import, as the medical file above, so the 龙学 journey can date the visit,
 * the verification and every step of the identification after it.
 */
export function storyHrFile(today: string): { comparedOn: string; fileName: string; csv: string } {
  const longxue = id('451028', '1998-07-23', '933');
  const comparedOn = addCalendarDays(today, -40);
  return {
    comparedOn,
    fileName: `乐业县人社局失业登记和务工不稳人员名单（${comparedOn}，演示）.csv`,
    csv: ['身份证号码,姓名,失业日期,情况', `${longxue},岑龙学,${addCalendarDays(today, -46)},失去务工岗位`].join('\n') + '\n',
  };
}

/** What the asset sources know about 小黄 (the property check finds his van and business licence). */
export function storyAssetFiles(): { source: 'vehicles' | 'businessLicences'; fileName: string; csv: string }[] {
  const huang = id('451028', '1994-03-12', '991');
  const zhang = id('451028', '1974-09-09', '995');
  return [
    { source: 'vehicles', fileName: '公安交管车辆登记（演示）.csv', csv: `身份证号码,姓名,车辆类型,登记日期\n${huang},黄小东,小型普通客车（面包车）,2019-04-02\n` },
    { source: 'businessLicences', fileName: '市场监管营业执照（演示）.csv', csv: `身份证号码,姓名,主体名称,成立日期\n${huang},黄小东,乐业县逻西乡小东货运部,2018-06-15\n${zhang},张百谋,乐业县同乐镇百谋小卖部,2009-03-01\n` },
  ];
}
