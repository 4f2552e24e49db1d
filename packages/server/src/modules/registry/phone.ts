/**
 * Phone numbers as written in registries: mobiles (11 digits starting with 1), landlines with an area
 * code ("0776-7921234", "07767921234"). Full-width digits and spaces are tolerated.
 */
export function normalizePhone(raw: string): string {
  return raw
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[－—]/g, '-')
    .replace(/[\s()（）]/g, '')
    .replace(/^\+?86-?(?=1\d{10}$)/, '');
}

export function isPhone(normalised: string): boolean {
  return /^1[3-9]\d{9}$/.test(normalised) || /^0\d{2,3}-?\d{7,8}$/.test(normalised);
}
