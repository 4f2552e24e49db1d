import type { RegionTreeNode } from '../api/types';
import type { VillageOption } from './types';

/**
 * Every village (行政村) under a region tree node, with its township's name, in tree order. The
 * actor's own village is returned when the tree's root is a village.
 */
export function flattenVillages(root: RegionTreeNode): VillageOption[] {
  const villages: VillageOption[] = [];
  const walk = (node: RegionTreeNode, townshipName: string) => {
    if (node.level === 'village') {
      villages.push({ code: node.code, name: node.name, townshipName });
      return;
    }
    const nextTownship = node.level === 'township' ? node.name : townshipName;
    for (const child of node.children ?? []) walk(child, nextTownship);
  };
  walk(root, '');
  return villages;
}

/** What a village reads as in a pick list: 逻西乡 马庄村. */
export function villageLabel(village: VillageOption): string {
  return village.townshipName ? `${village.townshipName} ${village.name}` : village.name;
}

/**
 * Type-ahead match: every space-separated word must occur in the village or township name (or
 * start the code), so "逻西 马庄", "马庄" and "451028" all find 马庄村.
 */
export function villageMatches(village: VillageOption, input: string): boolean {
  const words = input.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${village.townshipName} ${village.name}`.toLowerCase();
  return words.every((word) => haystack.includes(word) || village.code.startsWith(word));
}

/** Mobile (11 digits from 13…19) or landline with area code (0xx-xxxxxxx). Spaces are ignored. */
export function normalizeCallerPhone(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function isCallerPhone(value: string): boolean {
  return /^(1[3-9]\d{9}|0\d{9,11})$/.test(normalizeCallerPhone(value));
}
