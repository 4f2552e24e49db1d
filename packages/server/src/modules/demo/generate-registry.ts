/**
 * Synthetic household registry (基础信息库) for demos, e2e seeds and benchmarks.
 *
 * Pure and deterministic: the same options give the same rows, with no I/O and no clock ("today" is
 * `asOf`). It streams: one row per member is yielded and nothing is retained except a small
 * per-county counter table that makes ID numbers unique, so a million persons fit in little memory.
 *
 * What makes the data plausible rather than random:
 * - valid 18-character ID numbers (GB 11643) whose region part is the village's county, whose birth
 *   date is the member's and whose sex digit matches; unique across the whole generated set;
 * - households of 1–7 members (≈ 3.9 on average) built around a head: spouse, children, parents of
 *   the head, or three generations; children are at least 18 years younger than their parents;
 * - head, children and grandchildren share the head's surname; common Guangxi surnames;
 * - age-dependent health, labour capacity, schooling, migrant work and insurance;
 * - about 30 % formerly poor households (脱贫户), dibao more frequent among them, 特困 only for
 *   single elderly or disabled persons.
 */
import {
  codeLabel,
  countyCodeOf,
  idChecksumChar,
  yesNoLabel,
  type HealthStatus,
  type HouseholdType,
  type LabourCapacity,
  type RelationToHead,
  type Schooling,
} from '@fangpin/domain';

/** One member row of the registry, as the national system exports it (codes, not labels). */
export type RegistryRow = {
  householdNumber: string;
  householdType: HouseholdType;
  villageCode: string;
  address: string;
  /** 11-digit mobile for heads; '' or a mobile for other members */
  phone: string;
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  /** YYYY-MM-DD, the same date as inside `idNumber` */
  birthDate: string;
  relation: RelationToHead;
  health: HealthStatus;
  labourCapacity: LabourCapacity;
  schooling: Schooling;
  migrantMonths: number;
  hasMedicalInsurance: boolean;
  hasPensionInsurance: boolean;
  isDibao: boolean;
  isTekun: boolean;
};

/** Options of `generateRegistry`. */
export type GenerateRegistryOptions = {
  /** PRNG seed: same seed, same rows. */
  seed: number;
  /** Villages (行政村, or groups 组/屯) households are spread over; the county is read from the code. */
  villages: ReadonlyArray<{ code: string; name: string }>;
  /** Number of households to generate (members ≈ 3.9 × households). */
  households: number;
  /** Share of formerly poor households (脱贫户), 0–1; default 0.3. */
  formerlyPoorShare?: number;
  /** First household sequence number (default 1); household numbers are village code + 6+ digit sequence. */
  startHouseholdSeq?: number;
  /** Reference date for ages (YYYY-MM-DD, default '2025-12-31'): nobody is born after it. */
  asOf?: string;
};

/** Column headers of a registry CSV in the national-system style, in `registryRowToCsvCells` order. */
export const REGISTRY_CSV_HEADER_ZH = [
  '户编号',
  '户类型',
  '行政区划代码',
  '家庭住址',
  '联系电话',
  '姓名',
  '证件号码',
  '性别',
  '出生日期',
  '与户主关系',
  '健康状况',
  '劳动技能',
  '文化程度',
  '务工时间（月）',
  '是否参加城乡居民基本医疗保险',
  '是否参加城乡居民基本养老保险',
  '是否享受低保',
  '是否特困供养',
] as const;

/**
 * A row as the cells of a registry CSV under `REGISTRY_CSV_HEADER_ZH`: codes become the zh-CN labels
 * of national exports (户主, 普通劳动力, 是/否 …), which the importer parses back with `parseCode`.
 */
export function registryRowToCsvCells(row: RegistryRow): string[] {
  return [
    row.householdNumber,
    codeLabel('householdType', row.householdType),
    row.villageCode,
    row.address,
    row.phone,
    row.name,
    row.idNumber,
    codeLabel('sex', row.sex),
    row.birthDate,
    codeLabel('relation', row.relation),
    codeLabel('health', row.health),
    codeLabel('labourCapacity', row.labourCapacity),
    codeLabel('schooling', row.schooling),
    String(row.migrantMonths),
    yesNoLabel(row.hasMedicalInsurance),
    yesNoLabel(row.hasPensionInsurance),
    yesNoLabel(row.isDibao),
    yesNoLabel(row.isTekun),
  ];
}

// ---------------------------------------------------------------------------------------------
// Word lists

/** Common surnames in Guangxi (Zhuang and Han), repeated to weight them roughly by frequency. */
const SURNAMES = [...'黄黄黄黄黄罗罗罗韦韦韦杨杨李李王王班班岑岑陆陆覃覃农蓝梁莫潘周何吴刘陈唐廖谭卢邓张赵林龙冯'];
const MALE_GIVEN = [...'建国明华军勇强平伟志文德海林福春生荣光成永忠明清宏兵小大世家宝顺朝英金贵'];
const FEMALE_GIVEN = [...'秀英兰芳美丽桂花玉梅珍凤艳红霞燕琴娟芬翠春小丽慧婷雪金月菊莲彩'];
const TUN_NAMES = [
  '那坡屯',
  '弄者屯',
  '百岩屯',
  '坡洪屯',
  '那拉屯',
  '弄林屯',
  '上寨屯',
  '下寨屯',
  '新寨屯',
  '陇昌屯',
  '那龙屯',
  '板屯',
  '坡所屯',
  '弄瓦屯',
  '者王屯',
  '岩脚屯',
];
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '157',
  '158',
  '159',
  '166',
  '173',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '198',
  '199',
];
/** Household size 1–7 with cumulative weights (mean ≈ 3.9). */
const SIZE_CUMULATIVE = [0.08, 0.22, 0.41, 0.63, 0.82, 0.94, 1] as const;

// ---------------------------------------------------------------------------------------------
// PRNG and helpers

/** mulberry32: small, fast, good enough for synthetic data; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Person = {
  relation: RelationToHead;
  male: boolean;
  age: number;
  surname: string;
};

const EPOCH_MS = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

/**
 * Streams a synthetic registry, one row per member, households one after the other (head first).
 * Deterministic for a given `seed`; throws on invalid options (no villages, a non-county-level
 * village code, a negative household count). ID numbers are unique within one call; to extend an
 * existing data set, use another county or accept that a second call may repeat IDs.
 */
export function* generateRegistry(options: GenerateRegistryOptions): Generator<RegistryRow> {
  const { seed, villages, households } = options;
  const formerlyPoorShare = options.formerlyPoorShare ?? 0.3;
  const startSeq = options.startHouseholdSeq ?? 1;
  const asOf = options.asOf ?? '2025-12-31';
  if (villages.length === 0) throw new Error('generateRegistry needs at least one village');
  if (!Number.isInteger(households) || households < 0) {
    throw new Error(`generateRegistry: households must be a non-negative integer, got ${households}`);
  }
  if (!(formerlyPoorShare >= 0 && formerlyPoorShare <= 1)) {
    throw new Error(`generateRegistry: formerlyPoorShare must be between 0 and 1, got ${formerlyPoorShare}`);
  }
  if (!Number.isInteger(startSeq) || startSeq < 0) {
    throw new Error(`generateRegistry: startHouseholdSeq must be a non-negative integer, got ${startSeq}`);
  }
  const asOfMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (!asOfMatch) throw new Error(`generateRegistry: asOf must be YYYY-MM-DD, got ${asOf}`);
  const asOfDay = Math.floor(
    (Date.UTC(Number(asOfMatch[1]), Number(asOfMatch[2]) - 1, Number(asOfMatch[3])) - EPOCH_MS) / DAY_MS,
  );
  if (asOfDay < 365 * 100) throw new Error(`generateRegistry: asOf must be after 2000-01-01, got ${asOf}`);

  const villageInfo = villages.map((v) => ({ code: v.code, name: v.name, county: countyCodeOf(v.code) }));

  // Day number (days since 1900-01-01) → 'YYYY-MM-DD', precomputed once.
  const isoDays: string[] = new Array<string>(asOfDay + 1);
  for (let d = 0; d <= asOfDay; d++) isoDays[d] = new Date(EPOCH_MS + d * DAY_MS).toISOString().slice(0, 10);

  // Per county: how many IDs were handed out per (birth day, sex). 500 sequence numbers per sex and day.
  const counters = new Map<string, Uint16Array>();
  const counterFor = (county: string): Uint16Array => {
    let c = counters.get(county);
    if (!c) {
      c = new Uint16Array((asOfDay + 1) * 2);
      counters.set(county, c);
    }
    return c;
  };

  const random = mulberry32(seed);
  const chance = (p: number): boolean => random() < p;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const digits = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(48 + Math.floor(random() * 10));
    return s;
  };
  const mobile = (): string => pick(MOBILE_PREFIXES) + digits(8);
  const givenName = (male: boolean): string => {
    const pool = male ? MALE_GIVEN : FEMALE_GIVEN;
    return chance(0.75) ? pick(pool) + pick(pool) : pick(pool);
  };
  const otherSurname = (not: string): string => {
    let s = pick(SURNAMES);
    for (let i = 0; i < 5 && s === not; i++) s = pick(SURNAMES);
    return s;
  };

  /** Allocates a unique (birth day, sequence) for the county; moves the birthday earlier if a day is full. */
  const allocateId = (county: string, wantedDay: number, male: boolean): { id: string; birthDate: string } => {
    const counter = counterFor(county);
    let day = Math.min(Math.max(wantedDay, 0), asOfDay);
    let step = -1;
    for (;;) {
      const slot = day * 2 + (male ? 1 : 0);
      const used = counter[slot] ?? 500;
      if (used < 500) {
        counter[slot] = used + 1;
        const seq = used * 2 + (male ? 1 : 0); // odd = male (GB 11643)
        const iso = isoDays[day] ?? '';
        const first17 = county + iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + String(seq).padStart(3, '0');
        return { id: first17 + idChecksumChar(first17), birthDate: iso };
      }
      if (day === 0) step = 1;
      day += step;
      if (day > asOfDay) throw new Error(`generateRegistry: county ${county} has no free ID numbers left`);
    }
  };

  for (let h = 0; h < households; h++) {
    const village = pick(villageInfo);
    const householdNumber = village.code + String(startSeq + h).padStart(6, '0');
    const householdType: HouseholdType = chance(formerlyPoorShare) ? 'formerlyPoor' : 'ordinary';
    const address = `${village.name}${pick(TUN_NAMES)}${int(1, 88)}号`;

    // --- composition
    const r = random();
    let size = 1;
    while (size < 7 && r >= (SIZE_CUMULATIVE[size - 1] ?? 1)) size++;
    const headMale = chance(0.85);
    const headAge = size === 1 ? int(40, 90) : int(25, 80);
    const surname = pick(SURNAMES);
    const members: Person[] = [{ relation: 'head', male: headMale, age: headAge, surname }];
    let spouseAge: number | null = null;
    if (size > 1 && chance(0.85)) {
      spouseAge = Math.min(95, Math.max(20, headAge + int(-6, 4)));
      members.push({ relation: 'spouse', male: !headMale, age: spouseAge, surname: otherSurname(surname) });
    }
    let remaining = size - members.length;
    if (remaining >= 3 && headAge >= 55 && chance(0.6)) {
      // three generations: son, daughter-in-law, grandchildren
      const sonAge = headAge - int(22, 32);
      members.push({ relation: 'son', male: true, age: sonAge, surname });
      const dilAge = Math.max(20, sonAge + int(-5, 3));
      members.push({ relation: 'daughterInLaw', male: false, age: dilAge, surname: otherSurname(surname) });
      remaining -= 2;
      const maxGrandchildAge = Math.max(0, Math.min(sonAge, dilAge) - 20);
      for (; remaining > 0; remaining--) {
        const male = chance(0.52);
        members.push({ relation: male ? 'grandson' : 'granddaughter', male, age: int(0, maxGrandchildAge), surname });
      }
    } else {
      if (remaining > 0 && headAge <= 60 && chance(0.25)) {
        const male = chance(0.4);
        const age = Math.min(98, headAge + int(22, 32));
        members.push({
          relation: male ? 'father' : 'mother',
          male,
          age,
          surname: male ? surname : otherSurname(surname),
        });
        remaining--;
      }
      if (remaining > 0 && spouseAge === null && headAge < 40 && chance(0.3)) {
        const male = chance(0.5);
        members.push({ relation: male ? 'brother' : 'sister', male, age: Math.max(16, headAge + int(-8, 8)), surname });
        remaining--;
      }
      const youngestParent = spouseAge === null ? headAge : Math.min(headAge, spouseAge);
      const maxChildAge = Math.max(0, youngestParent - 18);
      for (; remaining > 0; remaining--) {
        const male = chance(0.52);
        members.push({
          relation: male ? 'son' : 'daughter',
          male,
          age: int(Math.max(0, maxChildAge - 22), maxChildAge),
          surname,
        });
      }
    }

    // --- household-level flags
    const isDibaoHousehold = chance(householdType === 'formerlyPoor' ? 0.14 : 0.03);

    for (const person of members) {
      const { age, male } = person;
      const wantedDay = asOfDay - Math.floor(age * 365.25) - int(0, 364);
      const { id, birthDate } = allocateId(village.county, wantedDay, male);

      // health
      const hr = random();
      let health: HealthStatus;
      if (age >= 60) health = hr < 0.55 ? 'healthy' : hr < 0.85 ? 'chronic' : hr < 0.92 ? 'serious' : 'disabled';
      else if (age >= 16) health = hr < 0.85 ? 'healthy' : hr < 0.93 ? 'chronic' : hr < 0.96 ? 'serious' : 'disabled';
      else health = hr < 0.95 ? 'healthy' : hr < 0.97 ? 'serious' : 'disabled';

      // schooling
      const sr = random();
      let schooling: Schooling;
      if (age < 6) schooling = 'preschool';
      else if (age < 16) schooling = 'inSchool';
      else if (age < 19 && sr < 0.7) schooling = 'inSchool';
      else if (age < 23 && sr < 0.25) schooling = 'inSchool';
      else if (age > 60)
        schooling = sr < 0.35 ? 'illiterate' : sr < 0.8 ? 'primary' : sr < 0.97 ? 'juniorHigh' : 'seniorHigh';
      else if (age >= 40)
        schooling =
          sr < 0.08
            ? 'illiterate'
            : sr < 0.43
              ? 'primary'
              : sr < 0.88
                ? 'juniorHigh'
                : sr < 0.98
                  ? 'seniorHigh'
                  : 'college';
      else
        schooling =
          sr < 0.02
            ? 'illiterate'
            : sr < 0.14
              ? 'primary'
              : sr < 0.69
                ? 'juniorHigh'
                : sr < 0.89
                  ? 'seniorHigh'
                  : 'college';

      // labour capacity
      const lr = random();
      let labourCapacity: LabourCapacity;
      if (age < 16 || schooling === 'inSchool') labourCapacity = 'notApplicable';
      else if (age <= 60) {
        if (health === 'disabled' || health === 'serious') labourCapacity = lr < 0.6 ? 'none' : 'partial';
        else if (health === 'chronic') labourCapacity = lr < 0.6 ? 'partial' : 'full';
        else labourCapacity = lr < 0.92 ? 'full' : 'partial';
      } else if (age <= 70) {
        if (health === 'healthy') labourCapacity = lr < 0.3 ? 'full' : lr < 0.8 ? 'partial' : 'none';
        else labourCapacity = lr < 0.4 ? 'partial' : 'none';
      } else labourCapacity = lr < 0.3 ? 'partial' : 'none';

      // migrant work
      let migrantMonths = 0;
      if (labourCapacity === 'full' && age >= 18 && age <= 55 && chance(0.45)) migrantMonths = int(3, 12);
      else if (labourCapacity === 'partial' && age <= 60 && chance(0.1)) migrantMonths = int(1, 6);

      const isHead = person.relation === 'head';
      const isTekun = size === 1 && (age >= 60 || labourCapacity === 'none') && chance(0.35);
      yield {
        householdNumber,
        householdType,
        villageCode: village.code,
        address,
        phone: isHead ? mobile() : age >= 18 && chance(0.35) ? mobile() : '',
        name: person.surname + givenName(male),
        idNumber: id,
        sex: male ? 'male' : 'female',
        birthDate,
        relation: person.relation,
        health,
        labourCapacity,
        schooling,
        migrantMonths,
        hasMedicalInsurance: chance(0.97),
        hasPensionInsurance: age >= 16 && schooling !== 'inSchool' && chance(0.88),
        isDibao: isDibaoHousehold && !isTekun,
        isTekun,
      };
    }
  }
}
