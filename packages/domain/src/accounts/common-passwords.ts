/**
 * The passwords people choose first, which any attacker tries first: the top of the public leak
 * analyses (the 2011 CSDN and Tianya leaks for Chinese users, and the usual international lists),
 * keyboard walks on a Chinese keyboard (1qaz2wsx, qwertyuiop), love numbers (5201314 "我爱你一生一世",
 * woaini1314), lucky repeats (88888888, 66666666) and the platform's own published demo password
 * (Fangpin#2026). Stored lower-case with everything but letters and digits removed, the form
 * `isCommonPassword` compares in. Short entries stay, because `isCommonPassword` also catches them
 * with a few digits added ("admin12345", "woaini2026").
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // digits
  '123456', '1234567', '12345678', '123456789', '1234567890', '0123456789', '12345678910', '987654321', '9876543210',
  '87654321', '654321', '111111', '1111111', '11111111', '111111111', '1111111111', '000000', '00000000', '000000000',
  '0000000000', '888888', '88888888', '8888888888', '666666', '66666666', '6666666666', '999999', '99999999', '222222',
  '22222222', '123123', '123123123', '123123123123', '123321', '123321123', '1234554321', '12344321', '11223344',
  '1122334455', '112233', '12121212', '1212121212', '147258369', '147258', '159357', '159753', '741852963', '789456123',
  '123654789', '321654987', '31415926', '3141592653', '110110110', '1234512345', '1234567a', '12345678a', '123456789a',
  '123456a', '123456abc', '123abc', '1234abcd', 'abcd1234', 'abc123', 'abc123456', 'a123456', 'a12345678', 'a123456789',
  'a1234567', 'aa123456', 'qq123456', 'qwe123', 'qwe123456', '1234qwer', 'qwer1234', '123qwe', '123qweasd',
  // love and luck (我爱你, 一生一世)
  '5201314', '52013145201314', '5211314', '1314520', '1314521', '520520', '520520520', '521521', 'woaini', 'woaini1314',
  'woaini520', 'woaini521', 'woainima', 'woaiwojia', 'woaiwoma', 'aini1314', 'iloveyou', 'iloveyou1314', 'loveyou',
  'wodemima', 'mima', 'mimamima', 'zhang123', 'wang123', 'li123456', 'zhangwei', 'wangwei', 'liwei', 'wangfang',
  // keyboard walks
  'qwerty', 'qwertyui', 'qwertyuiop', 'asdfgh', 'asdfghjk', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'qazwsx', 'qazwsxedc',
  'qazwsxedcrfv', '1qaz2wsx', '1qaz2wsx3edc', '1q2w3e4r', '1q2w3e4r5t', '1q2w3e', 'q1w2e3r4', 'zaq12wsx', 'qweasdzxc',
  'asdasdasd', 'asd123', 'asd123456', 'zxc123', 'zxc123456', 'qwerasdf', 'aaaaaa', 'aaaaaaaa', 'qqqqqqqq', 'abcdefg',
  'abcdefgh', 'abcdefghij', 'abcdef',
  // words
  'password', 'password1', 'password123', 'passw0rd', 'p0ssw0rd', 'pssword', 'admin', 'admin123', 'admin888',
  'administrator', 'root', 'root123', 'toor', 'test', 'test123', 'guest', 'user', 'welcome', 'welcome1', 'letmein',
  'monkey', 'dragon', 'master', 'sunshine', 'princess', 'football', 'baseball', 'superman', 'trustno1', 'shadow',
  'changeme', 'default', 'secret', 'system', 'manager', 'computer', 'internet', 'dearbook', 'xiazhili', 'china',
  'zhongguo', 'beijing', 'shanghai', 'guangxi', 'huawei', 'xiaomi', 'tencent', 'baidu', 'taobao',
  // this platform: the published demo password and its name
  'fangpin2026', 'fangpin', 'fangpin123', 'fangpin888', 'leye', 'leyexian', 'county', 'countyadmin',
]);
