export * from './mask.ts';
export * from './id-candidates.ts';
export * from './mask-text.ts';
