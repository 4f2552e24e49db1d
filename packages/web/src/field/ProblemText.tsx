import { useEffect, useState } from 'react';
import { fillTemplate, type ProblemParams, type ProblemReason } from '@fangpin/domain';
import type { Lang } from './i18n';

/**
 * A refusal of the server in the reader's language, from the same reason catalog as the admin app
 * (i18n/reasons.ts). The catalog is its own chunk, fetched only when a refusal is shown, so the
 * field app's first download does not grow. Without a reason (or until the chunk arrives) the
 * server's English detail is the fallback.
 */
export function ProblemText({ lang, reason, params, fallback }: { lang: Lang; reason: ProblemReason | undefined; params: ProblemParams | undefined; fallback: string }) {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    if (!reason) return;
    let live = true;
    void import('../i18n/reasons').then(({ reasonsZh, reasonsEn }) => {
      const template: string = (lang === 'en' ? reasonsEn : reasonsZh)[reason];
      if (live) setText(fillReason(template, params, lang));
    });
    return () => {
      live = false;
    };
  }, [lang, reason, params]);
  return <span className="f-error">{text ?? fallback}</span>;
}

/** `{{name}}` from params; lists read as one phrase (the contract's `fillTemplate`). */
export function fillReason(template: string, params: ProblemParams | undefined, lang: Lang): string {
  return fillTemplate(template, params, lang === 'en' ? '; ' : '、');
}
