import { checkDeliberation, IDENTIFICATION_STEP_EN, IDENTIFICATION_STEP_ZH } from '@fangpin/domain';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { verificationEventData, type VerificationDraft } from './assessment.ts';
import { forgetSessionKey, newSessionKey, sessionKey } from './offline/crypto.ts';
import { countUnsent, previousOnCase, reapply } from './offline/outbox.ts';
import { getSealed, putSealed, wipe } from './offline/store.ts';
import { loadOutbox, refreshSnapshot, saveOutbox, sendOutbox, SessionEnded } from './offline/sync.ts';
import type { FieldCase, FieldSnapshot, FieldUser, OutboxItem } from './offline/types.ts';
import { initialLang, translator, type Lang, type T } from './i18n.ts';
import { helperVisitBody, HelperVisitScreen, newHelperVisitDraft, VisitDueLine, type HelperVisitDraft } from './HelperVisitScreen.tsx';
import { DayAndObserved, localToday, PhotoInput, QueueButton, ScreenTitle } from './parts.tsx';
import { newWarningDraft, warningVerificationBody, WarningScreen, type WarningDraft } from './WarningScreen.tsx';
import { eliminationCheckBody, EliminationCheckScreen, eliminationStepName, EliminationTodo, newEliminationCheckDraft, type EliminationCheckDraft } from './EliminationCheckScreen.tsx';
import { ProblemText } from './ProblemText.tsx';
import { VerificationScreen } from './VerificationScreen.tsx';
import { describeWarning } from '../i18n/server-texts';

type View = { name: 'home'; tab: 'todo' | 'households' | 'outbox' } | { name: 'case'; id: string } | { name: 'visit'; householdId: string | null } | { name: 'helperVisit'; householdId: string } | { name: 'warning'; id: string } | { name: 'elimination'; id: string };
type DeliberationDraft = { heldOn: string; result: 'recommend' | 'notRecommend'; attendees: string; minutes: string; reason: string };
type VisitDraft = { regionCode: string; householdId: string | null; visitedOn: string; observed: string; riskTypes: string[]; photo: { fileName: string; contentBase64: string } | null };
type Draft = VerificationDraft | VisitDraft | DeliberationDraft | HelperVisitDraft | WarningDraft | EliminationCheckDraft;
type Drafts = Record<string, Draft>;

/** Asks the browser to wake the service worker when the connection is back (Background Sync; Chromium has it, others skip). */
function registerBackgroundSync(): void {
  if (!('serviceWorker' in navigator)) return;
  void navigator.serviceWorker.ready
    .then((registration) => (registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }).sync?.register('fangpin-outbox'))
    .catch(() => undefined);
}

/** What an outbox item is, in the UI's language (its `label` holds only the household's name). */
function itemTitle(item: OutboxItem, t: T): string {
  if (item.kind === 'visitReport') return t('visitReport');
  if (item.kind === 'helperVisit') return t('helperVisit');
  if (item.kind === 'warningVerification') return t('warningVerification');
  if (item.kind === 'eliminationCheck') return t('eliminationCheck');
  return (item.body as { event?: { type?: string } }).event?.type === 'recordDeliberation' ? t('deliberation') : t('homeVerification');
}

/** English names of the case steps a conflict may show as the case's last event (zh-CN comes from the server). */
const EVENT_EN: Record<string, string> = {
  linkHousehold: 'Household linked',
  startVerification: 'Home verification dispatched',
  recordVerification: 'Home verification recorded',
  screenOut: 'Screened out at the home verification',
  recordPropertyCheck: 'Property check recorded',
  recordAssessment: 'Assessment recorded',
  rejectAfterAssessment: 'Rejected after the assessment',
  recordDeliberation: 'Village deliberation recorded',
  raiseObjection: 'Objection during the notice',
  endNotice: 'Public notice ended',
  townshipApprove: 'Approved by the township',
  townshipReturn: 'Returned by the township',
  countyDecide: 'County decision',
  recordCallback: 'Callback',
  recordAssistance: 'Green-channel assistance',
  withdraw: 'Withdrawn',
};

const stepName = (step: string, lang: Lang) => (lang === 'en' ? (IDENTIFICATION_STEP_EN as Record<string, string>)[step] : (IDENTIFICATION_STEP_ZH as Record<string, string>)[step]) ?? eliminationStepName(step, lang) ?? step;

export function FieldApp() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const t = useMemo(() => translator(lang), [lang]);
  const [phase, setPhase] = useState<'loading' | 'signIn' | 'ready'>('loading');
  const [user, setUser] = useState<FieldUser | null>(null);
  const [snapshot, setSnapshot] = useState<FieldSnapshot | null>(null);
  const [outbox, setOutbox] = useState<OutboxItem[]>([]);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [view, setView] = useState<View>({ name: 'home', tab: 'todo' });

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('appName');
  }, [lang, t]);

  /** Forgets the key and deletes everything kept offline (sign-out, a device signed out by the county admin). */
  const wipeAll = useCallback(async () => {
    clearTimeout(retry.current.timer);
    forgetSessionKey();
    await wipe();
    setUser(null);
    setSnapshot(null);
    setOutbox([]);
    setDrafts({});
  }, []);

  // A send that failed for the network is tried again by itself: `navigator.onLine` says true on a
  // phone that has a signal bar but no data, and then no `online` event comes (docs/field-app.md "Sync").
  const retry = useRef<{ timer: ReturnType<typeof setTimeout> | undefined; attempts: number }>({ timer: undefined, attempts: 0 });
  const syncRef = useRef<() => Promise<boolean>>(async () => false);
  // One sync at a time: the `online` event, Background Sync and the retry may all ask at once, and a
  // device signed out is told so once (sessionRevoked), so two rounds must not race.
  const inFlight = useRef<Promise<boolean> | null>(null);

  /** Sends the outbox and refreshes the snapshot; true when nothing is left waiting to be sent. */
  const sync = useCallback((): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const round = (async (): Promise<boolean> => {
      clearTimeout(retry.current.timer);
      if (!navigator.onLine) return false;
      setSyncing(true);
      let left = 0;
      let reachable = true;
      try {
        const sent = await sendOutbox(setOutbox);
        setOutbox(sent.items);
        left = sent.items.filter((i) => i.status === 'waiting').length;
        const fresh = await refreshSnapshot();
        reachable = sent.reachable && fresh.reachable;
        if (fresh.snapshot) setSnapshot(fresh.snapshot);
        setNotice(null);
      } catch (error) {
        if (error instanceof SessionEnded) {
          if (error.revoked) await wipeAll();
          setNotice(t(error.revoked ? 'deviceSignedOut' : 'sessionEnded'));
          setPhase('signIn');
          return false;
        }
      } finally {
        setSyncing(false);
      }
      // What the header says is what the last round found, not only what the phone claims.
      setOnline(reachable);
      if (left > 0 || !reachable) {
        // 3 s, 6 s, 12 s … at most 30 s apart while something waits or the server is out of reach.
        const delay = Math.min(30_000, 3_000 * 2 ** retry.current.attempts++);
        retry.current.timer = setTimeout(() => void syncRef.current(), delay);
      } else retry.current.attempts = 0;
      return left === 0;
    })().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = round;
    return round;
  }, [t, wipeAll]);
  syncRef.current = sync;

  // Background Sync, where the browser has it: the service worker asks this tab to send when the
  // connection is back (only the tab holds the key that unseals the outbox) and hears whether it did.
  useEffect(() => {
    const container = 'serviceWorker' in navigator ? navigator.serviceWorker : undefined;
    if (!container) return;
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | null)?.type !== 'fangpin-sync') return;
      void syncRef.current().then((sent) => event.ports[0]?.postMessage({ sent }));
    };
    container.addEventListener('message', onMessage);
    return () => {
      container.removeEventListener('message', onMessage);
      clearTimeout(retry.current.timer);
    };
  }, []);

  // On open: a tab without its session key holds nothing readable (the session ended): wipe and sign in.
  useEffect(() => {
    void (async () => {
      if (!(await sessionKey())) {
        await wipe();
        setPhase('signIn');
        return;
      }
      const [u, s, o, d] = await Promise.all([getSealed<FieldUser>('user'), getSealed<FieldSnapshot>('snapshot'), loadOutbox(), getSealed<Drafts>('drafts')]);
      if (!u || !s) {
        setPhase('signIn');
        return;
      }
      setUser(u);
      setSnapshot(s);
      setOutbox(o);
      setDrafts(d ?? {});
      setPhase('ready');
      void sync();
    })();
  }, [sync]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [sync]);

  const saveDraft = useCallback((key: string, value: Draft | null) => {
    setDrafts((current) => {
      const next = { ...current };
      if (value) next[key] = value;
      else delete next[key];
      void putSealed('drafts', next);
      return next;
    });
  }, []);

  const enqueue = useCallback(
    async (item: Omit<OutboxItem, 'status' | 'createdAt'>) => {
      const current = await loadOutbox();
      const next = [...current, { ...item, status: 'waiting' as const, createdAt: new Date().toISOString() }];
      await saveOutbox(next);
      setOutbox(next);
      setView({ name: 'home', tab: 'outbox' });
      registerBackgroundSync();
      void sync();
    },
    [sync],
  );

  /** Queues one step of a case, stating the step and version the phone saw and the action before it on the case; the draft goes with it. */
  const queueCaseEvent = async (c: FieldCase, draft: unknown, event: { type: string; occurredOn: string; data: Record<string, unknown> }, attachments: unknown[]) => {
    const clientId = crypto.randomUUID();
    const after = previousOnCase(outbox, c.id);
    await enqueue({
      clientId,
      kind: 'caseEvent',
      caseId: c.id,
      label: c.household?.headName ?? c.caseNumber,
      draft,
      body: { clientId, kind: 'caseEvent', caseId: c.id, expected: { step: c.step, version: c.version }, ...(after ? { after } : {}), event, attachments },
    });
    saveDraft(`case:${c.id}`, null);
  };

  const updateItem = useCallback(async (clientId: string, change: (item: OutboxItem) => OutboxItem | null) => {
    const current = await loadOutbox();
    const next = current.flatMap((i) => {
      if (i.clientId !== clientId) return [i];
      const changed = change(i);
      return changed ? [changed] : [];
    });
    await saveOutbox(next);
    setOutbox(next);
  }, []);

  const logout = useCallback(async () => {
    const unsent = countUnsent(outbox);
    if (unsent > 0 && !window.confirm(t('logoutUnsent', { n: unsent }))) return;
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    await wipeAll();
    setPhase('signIn');
  }, [outbox, t, wipeAll]);

  const toggleLang = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('fangpin-field-lang', next);
    setLang(next);
  };

  if (phase === 'loading') return <div className="f-center">…</div>;
  if (phase === 'signIn')
    return (
      <SignIn
        t={t}
        notice={notice}
        onLanguage={toggleLang}
        keepFor={user?.username ?? null}
        onSignedIn={async (u, kept) => {
          setUser(u);
          if (!kept) {
            await wipe();
            await newSessionKey();
            await putSealed('user', u);
          }
          const s = kept ? snapshot : null;
          setNotice(null);
          setPhase('ready');
          if (!s) {
            setSyncing(true);
            const fresh = await refreshSnapshot().catch(() => null);
            setSyncing(false);
            if (fresh?.snapshot) setSnapshot(fresh.snapshot);
          } else void sync();
        }}
      />
    );
  if (!user) return null;
  const unsent = countUnsent(outbox);
  return (
    <div className="f-app">
      <header className="f-header">
        <div className="f-title">
          <strong>{t('appName')}</strong>
          <span>{user.displayName || user.username}</span>
        </div>
        <span className={`f-net ${online ? 'on' : 'off'}`} data-testid="field-network">
          {online ? t('online') : t('offline')}
        </span>
        <button type="button" className="f-link" onClick={toggleLang}>
          {t('language')}
        </button>
        <button type="button" className="f-link" onClick={() => void logout()} data-testid="field-logout">
          {t('logout')}
        </button>
      </header>
      {notice ? <p className="f-notice">{notice}</p> : null}
      {!snapshot ? (
        <div className="f-center">{syncing ? t('syncing') : t('needNetworkToSignIn')}</div>
      ) : view.name === 'case' && snapshot.cases.find((c) => c.id === view.id)?.step === 'villageDeliberation' ? (
        <DeliberationScreen
          t={t}
          lang={lang}
          c={snapshot.cases.find((c) => c.id === view.id)!}
          draft={drafts[`case:${view.id}`] as DeliberationDraft | undefined}
          pending={outbox.filter((i) => i.caseId === view.id && i.status !== 'sent')}
          onDraft={(d) => saveDraft(`case:${view.id}`, d)}
          onBack={() => setView({ name: 'home', tab: 'todo' })}
          onQueue={(d) =>
            queueCaseEvent(
              snapshot.cases.find((x) => x.id === view.id)!,
              d,
              { type: 'recordDeliberation', occurredOn: d.heldOn, data: { result: d.result, heldOn: d.heldOn, attendees: Number(d.attendees), minutes: d.minutes.trim(), ...(d.result === 'notRecommend' ? { reason: d.reason.trim() } : {}) } },
              [],
            )
          }
        />
      ) : view.name === 'case' ? (
        <VerificationScreen
          t={t}
          lang={lang}
          c={snapshot.cases.find((c) => c.id === view.id)!}
          stepLabel={stepName(snapshot.cases.find((c) => c.id === view.id)!.step, lang)}
          draft={drafts[`case:${view.id}`] as VerificationDraft | undefined}
          pending={outbox.filter((i) => i.caseId === view.id && i.status !== 'sent')}
          onDraft={(d) => saveDraft(`case:${view.id}`, d)}
          onBack={() => setView({ name: 'home', tab: 'todo' })}
          onQueue={(d) => {
            const c = snapshot.cases.find((x) => x.id === view.id)!;
            return queueCaseEvent(
              c,
              d,
              { type: 'recordVerification', occurredOn: d.occurredOn, data: verificationEventData(c, d, localToday()) },
              d.photo ? [{ purpose: 'consent', ...d.photo }] : [],
            );
          }}
        />
      ) : view.name === 'warning' ? (
        <WarningScreen
          t={t}
          lang={lang}
          warning={snapshot.warnings.find((w) => w.id === view.id)}
          draft={(drafts[`warning:${view.id}`] as WarningDraft | undefined) ?? newWarningDraft(view.id)}
          isQueued={outbox.some((i) => i.kind === 'warningVerification' && i.status !== 'sent' && (i.body as { warningId?: string }).warningId === view.id)}
          onDraft={(d) => saveDraft(`warning:${view.id}`, d)}
          onBack={() => setView({ name: 'home', tab: 'todo' })}
          onQueue={async (d) => {
            const clientId = crypto.randomUUID();
            const headName = snapshot.warnings.find((w) => w.id === d.warningId)?.headName ?? '';
            await enqueue({ clientId, kind: 'warningVerification', caseId: null, label: headName, draft: d, body: warningVerificationBody(clientId, d) });
            saveDraft(`warning:${d.warningId}`, null);
          }}
        />
      ) : view.name === 'elimination' ? (
        <EliminationCheckScreen
          t={t}
          lang={lang}
          elimination={snapshot.eliminations?.find((e) => e.id === view.id)}
          draft={(drafts[`elimination:${view.id}`] as EliminationCheckDraft | undefined) ?? newEliminationCheckDraft(view.id)}
          isQueued={outbox.some((i) => i.kind === 'eliminationCheck' && i.status !== 'sent' && i.caseId === view.id)}
          onDraft={(d) => saveDraft(`elimination:${view.id}`, d)}
          onBack={() => setView({ name: 'home', tab: 'todo' })}
          onQueue={async (d) => {
            const e = snapshot.eliminations!.find((x) => x.id === d.eliminationId)!;
            const clientId = crypto.randomUUID();
            // caseId: later items on the same elimination wait behind this one, as on a case.
            await enqueue({ clientId, kind: 'eliminationCheck', caseId: e.id, label: e.headName, draft: d, body: eliminationCheckBody(clientId, e, d, previousOnCase(outbox, e.id)) });
            saveDraft(`elimination:${d.eliminationId}`, null);
          }}
        />
      ) : view.name === 'helperVisit' ? (
        <HelperVisitScreen
          t={t}
          household={snapshot.households.find((h) => h.id === view.householdId)}
          due={snapshot.visitsDue?.find((v) => v.householdId === view.householdId)}
          draft={(drafts[`helperVisit:${view.householdId}`] as HelperVisitDraft | undefined) ?? newHelperVisitDraft(view.householdId)}
          onDraft={(d) => saveDraft(`helperVisit:${view.householdId}`, d)}
          onBack={() => setView({ name: 'home', tab: 'todo' })}
          onQueue={async (d) => {
            const clientId = crypto.randomUUID();
            await enqueue({ clientId, kind: 'helperVisit', caseId: null, label: snapshot.households.find((h) => h.id === d.householdId)?.headName ?? '', draft: d, body: helperVisitBody(clientId, d) });
            saveDraft(`helperVisit:${d.householdId}`, null);
          }}
        />
      ) : view.name === 'visit' ? (
        <VisitScreen
          t={t}
          lang={lang}
          snapshot={snapshot}
          draft={(drafts['visit'] as VisitDraft | undefined) ?? { regionCode: snapshot.households.find((h) => h.id === view.householdId)?.regionCode.slice(0, 12) ?? snapshot.villages[0]?.code ?? '', householdId: view.householdId, visitedOn: localToday(), observed: '', riskTypes: [], photo: null }}
          onDraft={(d) => saveDraft('visit', d)}
          onBack={() => {
            saveDraft('visit', null);
            setView({ name: 'home', tab: 'todo' });
          }}
          onQueue={async (d) => {
            const clientId = crypto.randomUUID();
            const household = snapshot.households.find((h) => h.id === d.householdId);
            await enqueue({
              clientId,
              kind: 'visitReport',
              caseId: null,
              label: household?.headName ?? snapshot.villages.find((v) => v.code === d.regionCode)?.name ?? '',
              draft: d,
              body: {
                clientId,
                kind: 'visitReport',
                visit: { householdId: d.householdId, regionCode: d.regionCode, visitedOn: d.visitedOn, observed: d.observed.trim(), riskTypes: d.riskTypes },
                attachments: d.photo ? [{ purpose: 'photo', ...d.photo }] : [],
              },
            });
            saveDraft('visit', null);
          }}
        />
      ) : (
        <>
          <nav className="f-tabs">
            {(['todo', 'households', 'outbox'] as const).map((tab) => (
              <button key={tab} type="button" className={view.tab === tab ? 'active' : ''} onClick={() => setView({ name: 'home', tab })} data-testid={`field-tab-${tab}`}>
                {t(tab === 'todo' ? 'tabTodo' : tab === 'households' ? 'tabHouseholds' : 'tabOutbox')}
                {tab === 'outbox' && unsent > 0 ? <span className="f-badge">{unsent}</span> : null}
              </button>
            ))}
          </nav>
          <div className="f-syncbar">
            <span>
              {t('lastSync')} {new Date(snapshot.syncedAt).toLocaleString(lang, { hour12: false })}
            </span>
            <button type="button" className="f-button small" disabled={!online || syncing} onClick={() => void sync()} data-testid="field-sync">
              {syncing ? t('syncing') : t('sync')}
            </button>
          </div>
          {view.tab === 'todo' ? (
            <Todo
              t={t}
              lang={lang}
              snapshot={snapshot}
              outbox={outbox}
              onCase={(id) => setView({ name: 'case', id })}
              onVisit={(householdId) => setView({ name: 'visit', householdId })}
              onHelperVisit={(householdId) => setView({ name: 'helperVisit', householdId })}
              onWarning={(id) => setView({ name: 'warning', id })}
              onElimination={(id) => setView({ name: 'elimination', id })}
            />
          ) : view.tab === 'households' ? (
            <Households t={t} snapshot={snapshot} onVisit={(householdId) => setView({ name: 'visit', householdId })} />
          ) : (
            <Outbox
              t={t}
              lang={lang}
              items={outbox}
              online={online}
              onSend={() => void sync()}
              onReapply={async (id) => {
                await updateItem(id, reapply);
                void sync();
              }}
              onDiscard={async (id) => {
                if (window.confirm(t('discardConfirm'))) await updateItem(id, () => null);
              }}
              onEdit={async (item) => {
                // Back to the form with what was typed; the item leaves the outbox (it was never applied).
                if (item.kind === 'caseEvent' && item.caseId && !snapshot.cases.some((c) => c.id === item.caseId)) return;
                const helperOf = item.kind === 'helperVisit' ? (item.draft as HelperVisitDraft | undefined)?.householdId : undefined;
                const warningOf = item.kind === 'warningVerification' ? (item.draft as WarningDraft | undefined)?.warningId : undefined;
                const eliminationOf = item.kind === 'eliminationCheck' ? item.caseId : null;
                if (item.draft) saveDraft(item.kind === 'caseEvent' ? `case:${item.caseId}` : eliminationOf ? `elimination:${eliminationOf}` : helperOf ? `helperVisit:${helperOf}` : warningOf ? `warning:${warningOf}` : 'visit', item.draft as Draft);
                await updateItem(item.clientId, () => null);
                setView(
                  eliminationOf
                    ? { name: 'elimination', id: eliminationOf }
                    : item.kind === 'caseEvent' && item.caseId
                    ? { name: 'case', id: item.caseId }
                    : helperOf
                      ? { name: 'helperVisit', householdId: helperOf }
                      : warningOf
                        ? { name: 'warning', id: warningOf }
                        : { name: 'visit', householdId: null },
                );
              }}
            />
          )}
        </>
      )}
    </div>
  );
}

function SignIn({ t, notice, onLanguage, keepFor, onSignedIn }: { t: T; notice: string | null; onLanguage: () => void; keepFor: string | null; onSignedIn: (user: FieldUser, kept: boolean) => Promise<void> }) {
  const [username, setUsername] = useState(keepFor ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!navigator.onLine) return setError(t('needNetworkToSignIn'));
    setBusy(true);
    try {
      const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }), credentials: 'same-origin' });
      if (!response.ok) return setError(t('signInFailed'));
      const { user } = (await response.json()) as { user: FieldUser };
      // The same user signing in again in this tab keeps the phone's records (and their key).
      await onSignedIn(user, keepFor === user.username && (await sessionKey()) !== null);
    } catch {
      setError(t('needNetworkToSignIn'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="f-signin" onSubmit={(e) => void submit(e)}>
      <h1>{t('appName')}</h1>
      {notice ? (
        <p className="f-notice" data-testid="field-signin-notice">
          {notice}
        </p>
      ) : null}
      <label>
        {t('username')}
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" data-testid="field-username" required />
      </label>
      <label>
        {t('password')}
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" data-testid="field-password" required />
      </label>
      {error ? <p className="f-error">{error}</p> : null}
      <button type="submit" className="f-button primary" disabled={busy} data-testid="field-signin">
        {t('signIn')}
      </button>
      <button type="button" className="f-link" onClick={onLanguage}>
        {t('language')}
      </button>
    </form>
  );
}

function Todo({
  t,
  lang,
  snapshot,
  outbox,
  onCase,
  onVisit,
  onHelperVisit,
  onWarning,
  onElimination,
}: {
  t: T;
  lang: Lang;
  snapshot: FieldSnapshot;
  outbox: OutboxItem[];
  onCase: (id: string) => void;
  onVisit: (householdId: string | null) => void;
  onHelperVisit: (householdId: string) => void;
  onWarning: (id: string) => void;
  onElimination: (id: string) => void;
}) {
  const waiting = new Set(outbox.filter((i) => i.status !== 'sent' && i.caseId).map((i) => i.caseId));
  const warningQueued = new Set(outbox.filter((i) => i.kind === 'warningVerification' && i.status !== 'sent').map((i) => (i.body as { warningId?: string }).warningId));
  const visitQueued = new Set(outbox.filter((i) => i.kind === 'helperVisit' && i.status !== 'sent').map((i) => (i.body as { householdId?: string }).householdId));
  const visitsDue = snapshot.visitsDue ?? [];
  return (
    <div className="f-list">
      <button type="button" className="f-button primary" onClick={() => onVisit(null)} data-testid="field-new-visit">
        + {t('newVisit')}
      </button>
      {visitsDue.length > 0 ? (
        <>
          <h2>{t('visitsDue')}</h2>
          {visitsDue.map((v) => (
            <button type="button" key={v.householdId} className="f-card" onClick={() => onHelperVisit(v.householdId)} data-testid="field-visit-due" data-household-id={v.householdId}>
              <strong>{snapshot.households.find((h) => h.id === v.householdId)?.headName ?? ''}</strong>
              <VisitDueLine t={t} due={v} today={snapshot.today} />
              {visitQueued.has(v.householdId) ? <span className="f-tag waiting">{t('waiting')}</span> : null}
            </button>
          ))}
        </>
      ) : null}
      <h2>{t('casesAtHome')}</h2>
      {snapshot.cases.length === 0 ? <p className="f-muted">{t('noTodo')}</p> : null}
      {snapshot.cases.map((c) => (
        <button type="button" key={c.id} className="f-card" onClick={() => onCase(c.id)} data-testid="field-case">
          <strong>{c.household?.headName ?? c.caseNumber}</strong>
          <span>
            {stepName(c.step, lang)} · {c.caseNumber}
          </span>
          {waiting.has(c.id) ? <span className="f-tag waiting">{t('waiting')}</span> : null}
        </button>
      ))}
      <h2>{t('warningsToVerify')}</h2>
      {snapshot.warnings.length === 0 ? <p className="f-muted">{t('noTodo')}</p> : null}
      {snapshot.warnings.map((w) => (
        <button type="button" key={w.id} className="f-card" onClick={() => onWarning(w.id)} data-testid="field-warning" data-warning-id={w.id}>
          <strong>{w.headName ?? ''}</strong>
          <span>{describeWarning(w, lang === 'en' ? 'en' : 'zh')}</span>
          {warningQueued.has(w.id) ? <span className="f-tag waiting">{t('waiting')}</span> : null}
        </button>
      ))}
      <EliminationTodo t={t} lang={lang} eliminations={snapshot.eliminations} outbox={outbox} onOpen={onElimination} />
    </div>
  );
}

function Households({ t, snapshot, onVisit }: { t: T; snapshot: FieldSnapshot; onVisit: (householdId: string) => void }) {
  const [query, setQuery] = useState('');
  const shown = snapshot.households.filter((h) => !query || h.headName.includes(query) || h.householdNumber.includes(query)).slice(0, 100);
  return (
    <div className="f-list">
      <input className="f-search" placeholder={t('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {shown.map((h) => (
        <button type="button" key={h.id} className="f-card" onClick={() => onVisit(h.id)} data-testid="field-household">
          <strong>{h.headName}</strong>
          <span>
            {h.householdNumber} · {h.members.length} {t('members')} · {h.members[0]?.idMasked}
          </span>
        </button>
      ))}
    </div>
  );
}

function DeliberationScreen({ t, lang, c, draft, pending, onDraft, onBack, onQueue }: { t: T; lang: Lang; c: FieldCase; draft: DeliberationDraft | undefined; pending: OutboxItem[]; onDraft: (d: DeliberationDraft) => void; onBack: () => void; onQueue: (d: DeliberationDraft) => Promise<void> }) {
  const [tried, setTried] = useState(false);
  const d: DeliberationDraft = draft ?? { heldOn: localToday(), result: 'recommend', attendees: '', minutes: '', reason: '' };
  const set = (change: Partial<DeliberationDraft>) => onDraft({ ...d, ...change });
  // The domain's own check, as the server will apply it (minutes and attendees; a reason to not recommend).
  const refusal = checkDeliberation({ minutesRecorded: d.minutes.trim() !== '', attendees: Number(d.attendees) || 0, result: d.result, reason: d.reason });
  return (
    <div className="f-screen">
      <ScreenTitle t={t} onBack={onBack}>
        {t('deliberation')} · {c.household?.headName}
      </ScreenTitle>
      <p className="f-muted">
        {c.caseNumber} · {stepName(c.step, lang)}
      </p>
      {pending.length > 0 ? <p className="f-notice">{t('queued')}</p> : null}
      <label>
        {t('heldOn')}
        <input type="date" value={d.heldOn} max={localToday()} onChange={(e) => set({ heldOn: e.target.value })} />
      </label>
      <fieldset>
        <legend>{t('deliberationResult')}</legend>
        {(['recommend', 'notRecommend'] as const).map((r) => (
          <label className="f-check" key={r}>
            <input type="radio" name="result" checked={d.result === r} onChange={() => set({ result: r })} data-testid={`field-deliberation-${r}`} />
            {t(r)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('attendees')}
        <input inputMode="numeric" value={d.attendees} onChange={(e) => set({ attendees: e.target.value.replace(/\D/g, '') })} data-testid="field-deliberation-attendees" />
      </label>
      <label>
        {t('minutes')}
        <textarea rows={4} value={d.minutes} onChange={(e) => set({ minutes: e.target.value })} data-testid="field-deliberation-minutes" />
      </label>
      {d.result === 'notRecommend' ? (
        <label>
          {t('reason')}
          <textarea rows={2} value={d.reason} onChange={(e) => set({ reason: e.target.value })} />
        </label>
      ) : null}
      {tried && refusal ? <p className="f-error">{t('deliberationIncomplete')}</p> : null}
      <button
        type="button"
        className="f-button primary"
        data-testid="field-queue-deliberation"
        onClick={() => {
          setTried(true);
          if (!refusal) void onQueue(d);
        }}
      >
        {t('queue')}
      </button>
    </div>
  );
}

function VisitScreen({ t, lang, snapshot, draft, onDraft, onBack, onQueue }: { t: T; lang: Lang; snapshot: FieldSnapshot; draft: VisitDraft; onDraft: (d: VisitDraft) => void; onBack: () => void; onQueue: (d: VisitDraft) => Promise<void> }) {
  const [tried, setTried] = useState(false);
  const d = draft;
  const set = (change: Partial<VisitDraft>) => onDraft({ ...d, ...change });
  const inVillage = snapshot.households.filter((h) => h.regionCode.startsWith(d.regionCode));
  return (
    <div className="f-screen">
      <ScreenTitle t={t} onBack={onBack}>
        {t('visitReport')}
      </ScreenTitle>
      <label>
        {t('village')}
        <select value={d.regionCode} onChange={(e) => set({ regionCode: e.target.value, householdId: null })}>
          {snapshot.villages.map((v) => (
            <option key={v.code} value={v.code}>
              {v.townshipName ? `${v.townshipName} ` : ''}
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('household')}
        <select value={d.householdId ?? ''} onChange={(e) => set({ householdId: e.target.value || null })} data-testid="field-visit-household">
          <option value="">{t('noHousehold')}</option>
          {inVillage.map((h) => (
            <option key={h.id} value={h.id}>
              {h.headName} · {h.householdNumber}
            </option>
          ))}
        </select>
      </label>
      <DayAndObserved t={t} day={d.visitedOn} observed={d.observed} tried={tried} onChange={(c) => set({ ...(c.day !== undefined ? { visitedOn: c.day } : {}), ...(c.observed !== undefined ? { observed: c.observed } : {}) })} testId="field-visit" />
      <fieldset>
        <legend>{t('riskTypes')}</legend>
        <div className="f-chips">
          {snapshot.riskTypes
            .filter((r) => r.code.length === 2)
            .map((r) => (
              <label key={r.code} className={`f-chip ${d.riskTypes.includes(r.code) ? 'on' : ''}`}>
                <input type="checkbox" checked={d.riskTypes.includes(r.code)} onChange={(e) => set({ riskTypes: e.target.checked ? [...d.riskTypes, r.code] : d.riskTypes.filter((x) => x !== r.code) })} />
                {lang === 'en' ? r.en : r.zh}
              </label>
            ))}
        </div>
      </fieldset>
      <PhotoInput t={t} label={t('photo')} value={d.photo} onChange={(photo) => set({ photo })} testId="field-visit-photo" />
      <QueueButton t={t} ready={!!d.observed.trim() && !!d.regionCode} onTried={() => setTried(true)} onQueue={() => void onQueue(d)} testId="field-queue-visit" />
    </div>
  );
}

function Outbox({ t, lang, items, online, onSend, onReapply, onDiscard, onEdit }: { t: T; lang: Lang; items: OutboxItem[]; online: boolean; onSend: () => void; onReapply: (id: string) => Promise<void>; onDiscard: (id: string) => Promise<void>; onEdit: (item: OutboxItem) => Promise<void> }) {
  return (
    <div className="f-list" data-testid="field-outbox">
      <button type="button" className="f-button" disabled={!online} onClick={onSend} data-testid="field-send">
        {t('sendNow')}
      </button>
      {items.length === 0 ? <p className="f-muted">{t('outboxEmpty')}</p> : null}
      {[...items].reverse().map((item) => (
        <div key={item.clientId} className={`f-card static ${item.status}`} data-testid="field-outbox-item" data-status={item.status}>
          <strong>
            {itemTitle(item, t)} · {item.label}
          </strong>
          <span className={`f-tag ${item.status}`}>{t(item.status)}</span>
          <span className="f-muted">{new Date(item.sentAt ?? item.createdAt).toLocaleString(lang, { hour12: false })}</span>
          {item.status === 'failed' && item.error ? <ProblemText lang={lang} reason={item.reason} params={item.params} fallback={item.error} /> : null}
          {item.status === 'conflict' && item.conflict ? <Conflict t={t} lang={lang} item={item} onReapply={onReapply} onDiscard={onDiscard} /> : null}
          {item.status === 'failed' ? (
            <div className="f-actions">
              {item.draft ? (
                <button type="button" className="f-button small" onClick={() => void onEdit(item)} data-testid="field-edit">
                  {t('edit')}
                </button>
              ) : null}
              <button type="button" className="f-button small" onClick={() => void onDiscard(item.clientId)}>
                {t('discard')}
              </button>
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function Conflict({ t, lang, item, onReapply, onDiscard }: { t: T; lang: Lang; item: OutboxItem; onReapply: (id: string) => Promise<void>; onDiscard: (id: string) => Promise<void> }) {
  const conflict = item.conflict!;
  const event = (item.body as { event?: { occurredOn?: string; data?: { consentSigned?: boolean; incomes?: { amount: number }[]; notes?: string } } }).event;
  const now = conflict.current;
  return (
    <div className="f-conflict" data-testid="field-conflict">
      <p className="f-warn">{t('conflictTitle')}</p>
      <div className="f-versions">
        <div>
          <h4>{t('yourDraft')}</h4>
          <p>
            {t('step')}: {stepName(conflict.expected.step, lang)} ({t('version')} {conflict.expected.version})
          </p>
          {event ? (
            <p data-testid="field-conflict-draft">
              {event.occurredOn} · {event.data?.consentSigned ? t('consentSigned') : ''} · {t('incomes')}: {(event.data?.incomes ?? []).reduce((s, r) => s + r.amount, 0)}
              {event.data?.notes ? ` · ${event.data.notes}` : ''}
            </p>
          ) : null}
        </div>
        <div>
          <h4>{t('serverNow')}</h4>
          <p data-testid="field-conflict-now">
            {t('step')}: {stepName(now.step, lang)} ({t('version')} {now.version})
          </p>
          {now.lastEvent ? (
            <p>
              {lang === 'en' ? (EVENT_EN[now.lastEvent.type] ?? now.lastEvent.typeZh) : now.lastEvent.typeZh} · {now.lastEvent.by} · {now.lastEvent.on}
              {now.lastEvent.reason ? ` · ${t('reason')}: ${now.lastEvent.reason}` : ''}
            </p>
          ) : null}
        </div>
      </div>
      <button type="button" className="f-button primary" onClick={() => void onReapply(item.clientId)} data-testid="field-reapply">
        {t('reapply')}
      </button>
      <button type="button" className="f-button" onClick={() => void onDiscard(item.clientId)} data-testid="field-discard">
        {t('discard')}
      </button>
    </div>
  );
}
