import { useState, type ReactNode } from 'react';
import type { Lang, T } from './i18n.ts';
import { resizePhoto } from './photo.ts';

/** Today on the phone's calendar (its own time zone), as YYYY-MM-DD. */
export const localToday = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** A photo taken with the camera (or picked), resized on the phone to at most 1280 px JPEG before it is kept. */
export function PhotoInput({ t, label, value, onChange, testId }: { t: T; label: string; value: { fileName: string } | null; onChange: (p: { fileName: string; contentBase64: string } | null) => void; testId: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <label className="f-photo">
      {label}
      <input
        type="file"
        accept="image/*"
        capture="environment"
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          resizePhoto(file)
            .then((resized) => onChange({ fileName: resized.fileName, contentBase64: resized.contentBase64 }))
            .catch(() => onChange(null))
            .finally(() => setBusy(false));
        }}
      />
      {busy ? <span>…</span> : value ? <span className="f-ok">✓ {t('photoReady')}</span> : null}
    </label>
  );
}


/** The visit's real day (not after today) and what was seen (required): the visit report's and the helper visit's first fields. */
export function DayAndObserved({ t, day, observed, tried, onChange, testId }: { t: T; day: string; observed: string; tried: boolean; onChange: (change: { day?: string; observed?: string }) => void; testId: string }) {
  return (
    <>
      <label>
        {t('visitedOn')}
        <input type="date" value={day} max={localToday()} onChange={(e) => onChange({ day: e.target.value })} data-testid={`${testId}-visited-on`} />
      </label>
      <label>
        {t('observed')}
        <textarea rows={4} value={observed} onChange={(e) => onChange({ observed: e.target.value })} data-testid={`${testId}-observed`} />
        {tried && !observed.trim() ? <span className="f-error">{t('required')}</span> : null}
      </label>
    </>
  );
}

/** The top of a form screen: ‹ 返回 and the form's title. */
export function ScreenTitle({ t, onBack, children }: { t: T; onBack: () => void; children: ReactNode }) {
  return (
    <>
      <button type="button" className="f-link" onClick={onBack}>
        ‹ {t('back')}
      </button>
      <h2>{children}</h2>
    </>
  );
}

/** 保存并排队发送: marks the form as tried (so missing fields show) and queues it when `ready`. */
export function QueueButton({ t, ready, onTried, onQueue, testId }: { t: T; ready: boolean; onTried: () => void; onQueue: () => void; testId: string }) {
  return (
    <button
      type="button"
      className="f-button primary"
      data-testid={testId}
      onClick={() => {
        onTried();
        if (ready) onQueue();
      }}
    >
      {t('queue')}
    </button>
  );
}

/**
 * What a form screen about one record of the snapshot takes (a warning to verify, an elimination to
 * check): the draft as typed, whether the record already waits in the outbox, and the callbacks.
 * The record itself is each screen's own prop, undefined once a sync no longer lists it.
 */
export type RecordFormProps<Draft, Queued extends Draft = Draft> = {
  t: T;
  lang: Lang;
  draft: Draft;
  isQueued: boolean;
  onDraft: (d: Draft) => void;
  onBack: () => void;
  onQueue: (d: Queued) => Promise<void>;
};
