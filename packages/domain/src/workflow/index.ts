export * from './common.ts';
export * from './identification.ts';
export * from './elimination.ts';
export * from './next-state.ts';
export * from './warning.ts';
export * from './todo.ts';
