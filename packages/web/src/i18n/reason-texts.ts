import { loadTexts } from './resources';

/** The reason catalog (reasons.ts), loaded on demand: see resources.ts. */
export function loadReasonTexts(): Promise<void> {
  return loadTexts('reasons');
}
