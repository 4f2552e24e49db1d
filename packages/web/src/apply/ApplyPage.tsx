import { CheckCircleFilled, CopyOutlined, EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { useMemo, useRef, useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { formatDateTime } from '../households/age';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { PlainField, type FieldAria } from '../ui/PlainField';
import { problemLine, useDescribedError } from '../ui/problem';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import {
  useApplicationStatus,
  usePublicVillage,
  usePublicVillages,
  useSubmitApplication,
  type ApplicationStatus,
  type PublicVillage,
} from './api';
import {
  APPLY_FIELDS,
  applyProblems,
  countyFromParams,
  DESCRIPTION_MAX,
  normalizeMobile,
  normalizeReferenceNo,
  progressProblems,
  toNewApplication,
  villageFromParams,
  type ApplyField,
  type ApplyFormValues,
} from './apply-form';
import './apply.css';

// The public page is the first thing a villager opens, often on a cheap phone over 3G: plain form
// elements and a native <select> (the phone's own picker), no antd Form, Select, Checkbox, Input,
// Tag or Alert — they were ≈ 90 KB of compressed JavaScript (e2e/journeys/cheap-phone-load.spec.ts).

type Village = Pick<PublicVillage, 'code' | 'name' | 'townshipName'>;

/** Public self-application (自主申报): no login, opened from a village's QR code on a phone. */
export function ApplyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('apply.title'));
  const [params] = useSearchParams();
  const villageParam = villageFromParams(params);
  const county = countyFromParams(params);
  const [submitted, setSubmitted] = useState<{ referenceNo: string; phone: string } | null>(null);
  const village = usePublicVillage(villageParam);
  const [isPicking, setIsPicking] = useState(false);
  const needsList = !villageParam || village.isError || isPicking;
  const villages = usePublicVillages(county, needsList);
  const countyName = village.data?.countyName ?? villages.data?.county.name ?? '';

  return (
    <div className="fp-apply" data-testid="apply-page">
      <header className="fp-apply-head">
        <img src="/favicon.svg" alt="" width={30} height={30} />
        <div className="fp-apply-head-text">
          <span className="fp-apply-head-title">{t('apply.title')}</span>
          {countyName ? <span className="fp-apply-head-sub">{countyName}</span> : null}
        </div>
        <LanguageSwitch compact />
      </header>
      <main className="fp-apply-main">
        {submitted ? (
          <Submitted referenceNo={submitted.referenceNo} onAnother={() => setSubmitted(null)} />
        ) : (
          <ApplyForm
            villageParam={villageParam}
            village={village.data ?? null}
            villageLoading={Boolean(villageParam) && village.isPending}
            villageUnknown={Boolean(villageParam) && village.isError}
            villages={villages.data?.villages ?? []}
            villagesLoading={villages.isPending && villages.fetchStatus !== 'idle'}
            villagesError={villages.isError ? villages.error : null}
            isPicking={needsList}
            onPick={() => setIsPicking(true)}
            onSubmitted={setSubmitted}
          />
        )}
        <Progress key={submitted?.referenceNo ?? ''} initial={submitted} />
        <p className="fp-apply-note">{t('apply.hotlineHint')}</p>
        <p className="fp-apply-note">{t('apply.privacy')}</p>
      </main>
      {countyName ? <footer className="fp-apply-footer">{t('apply.footer', { county: countyName })}</footer> : null}
    </div>
  );
}

/** The explained error of a failed request (its reason's text loads on demand), or nothing. */
function ProblemNotice({ error, title, testId }: { error: unknown; title: string; testId: string }) {
  const { t, i18n } = useTranslation();
  const described = useDescribedError(t, error, i18n.language);
  if (!described) return null;
  return <Notice type="error" title={title} detail={described.detail || undefined} className="fp-apply-notice" testId={testId} />;
}

/** An input's ties to its label and error, and its classes (red border when in error). */
function inputProps({ status, ...aria }: FieldAria, extra = '') {
  return { ...aria, className: ['fp-apply-input', extra, status ? 'fp-apply-input-error' : ''].filter(Boolean).join(' ') };
}

/** A mobile number: the phone's number pad, room for spaces and a +86 (normalizeMobile). */
function PhoneInput({
  onChange,
  ...rest
}: { onChange: (value: string) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'type' | 'inputMode'>) {
  return (
    <input {...rest} name="phone" type="tel" inputMode="numeric" maxLength={16} onChange={(event) => onChange(event.target.value)} />
  );
}

/** Villages by township, for the native picker's groups (a county has a few hundred villages). */
function byTownship(villages: Village[]): [string, Village[]][] {
  const groups = new Map<string, Village[]>();
  for (const village of villages) groups.set(village.townshipName, [...(groups.get(village.townshipName) ?? []), village]);
  return [...groups];
}

interface ApplyFormProps {
  villageParam: string | null;
  village: Village | null;
  villageLoading: boolean;
  villageUnknown: boolean;
  villages: Village[];
  villagesLoading: boolean;
  villagesError: unknown;
  isPicking: boolean;
  onPick: () => void;
  onSubmitted: (value: { referenceNo: string; phone: string }) => void;
}

const EMPTY_FORM: ApplyFormValues = { villageCode: '', name: '', phone: '', description: '', consent: false, website: '' };

function ApplyForm({
  villageParam,
  village,
  villageLoading,
  villageUnknown,
  villages,
  villagesLoading,
  villagesError,
  isPicking,
  onPick,
  onSubmitted,
}: ApplyFormProps) {
  const { t, i18n } = useTranslation();
  const submit = useSubmitApplication();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<ApplyFormValues>(EMPTY_FORM);
  // Errors show once a field was left (phone, description) or the form was sent, and follow the
  // typing from then on; the server's refusal of a field shows under it until it is changed.
  const [shown, setShown] = useState<Partial<Record<ApplyField, boolean>>>({});
  const [serverField, setServerField] = useState<ApplyField | null>(null);
  // The server's refusal, kept as it came: its reason's text loads on demand (the route does not
  // download every reason's text before the page shows).
  const [failure, setFailure] = useState<unknown>(null);
  const described = useDescribedError(t, failure, i18n.language);
  // Too many applications: the server says which limit was hit (from this network, or from this
  // phone today); nothing submitted is lost.
  const error =
    described && isApiError(failure) && failure.status === 429
      ? { title: described.detail || t('apply.rateLimited'), detail: described.detail ? t('apply.rateLimitedHint') : '' }
      : described;
  const groups = useMemo(() => byTownship(villages), [villages]);

  const problems = applyProblems(values, isPicking);
  const errorOf = (field: ApplyField): string | null => {
    const problem = problems[field];
    if (shown[field] && problem) return t(`apply.${problem}`);
    return field === serverField && described ? described.detail || described.title : null;
  };
  const change = <K extends keyof ApplyFormValues>(field: K, value: ApplyFormValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    if (field === serverField) setServerField(null);
  };
  const show = (field: ApplyField) => setShown((previous) => ({ ...previous, [field]: true }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShown(Object.fromEntries(APPLY_FIELDS.map((field) => [field, true])));
    const invalid = APPLY_FIELDS.find((field) => problems[field]);
    if (invalid) {
      formRef.current?.querySelector<HTMLElement>(`[name="${invalid}"]`)?.focus();
      return;
    }
    setFailure(null);
    setServerField(null);
    const villageCode = isPicking ? values.villageCode : (village?.code ?? villageParam ?? undefined);
    submit.mutate(toNewApplication({ ...values, villageCode }), {
      onSuccess: ({ referenceNo }) => {
        onSubmitted({ referenceNo, phone: normalizeMobile(values.phone) });
        window.scrollTo({ top: 0 });
      },
      onError: (err) => {
        setFailure(err);
        const field = isApiError(err) && err.status !== 429 ? err.field : undefined;
        if (field && (APPLY_FIELDS as readonly string[]).includes(field)) setServerField(field as ApplyField);
      },
    });
  };

  return (
    <Panel className="fp-apply-card" data-testid="apply-form-card">
      <p className="fp-apply-intro">{t('apply.intro')}</p>
      <form ref={formRef} className="fp-apply-form" onSubmit={onSubmit} noValidate>
        {isPicking ? (
          <>
            {villageUnknown ? <Notice type="warning" title={t('apply.villageUnknown')} className="fp-apply-notice" /> : null}
            <ProblemNotice error={villagesError} title={t('apply.villagesFailed')} testId="apply-villages-error" />
            <PlainField id="apply-village" label={t('apply.village')} error={errorOf('villageCode')}>
              {(aria) => (
                <select
                  {...inputProps(aria, 'fp-apply-select')}
                  name="villageCode"
                  value={values.villageCode}
                  aria-busy={villagesLoading || undefined}
                  onChange={(event) => {
                    change('villageCode', event.target.value);
                    show('villageCode');
                  }}
                  data-testid="apply-village-select"
                >
                  <option value="" disabled>
                    {villagesLoading ? '…' : t('apply.villagePick')}
                  </option>
                  {groups.map(([township, list]) => (
                    <optgroup key={township} label={township}>
                      {list.map((v) => (
                        <option key={v.code} value={v.code}>
                          {v.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              )}
            </PlainField>
          </>
        ) : (
          <div className="fp-apply-village" data-testid="apply-village">
            <EnvironmentOutlined className="fp-apply-village-icon" />
            <div className="fp-apply-village-text">
              <span className="fp-apply-label">{t('apply.village')}</span>
              {villageLoading ? (
                <span className="fp-apply-loading" aria-busy="true">
                  …
                </span>
              ) : (
                <strong data-testid="apply-village-name">{village ? `${village.townshipName} ${village.name}` : ''}</strong>
              )}
            </div>
            <button type="button" className="fp-apply-btn fp-apply-btn-link" onClick={onPick} data-testid="apply-village-change">
              {t('apply.villageChange')}
            </button>
          </div>
        )}
        <PlainField id="apply-name" label={t('apply.name')} error={errorOf('name')}>
          {(aria) => (
            <input
              {...inputProps(aria)}
              name="name"
              maxLength={50}
              autoComplete="name"
              value={values.name}
              onChange={(event) => change('name', event.target.value)}
              data-testid="apply-name"
            />
          )}
        </PlainField>
        <PlainField id="apply-phone" label={t('apply.phone')} error={errorOf('phone')}>
          {(aria) => (
            <PhoneInput
              {...inputProps(aria)}
              autoComplete="tel"
              value={values.phone}
              onChange={(value) => change('phone', value)}
              onBlur={() => show('phone')}
              data-testid="apply-phone"
            />
          )}
        </PlainField>
        <PlainField
          id="apply-description"
          label={t('apply.description')}
          error={errorOf('description')}
          extra={`${values.description.length} / ${DESCRIPTION_MAX}`}
        >
          {(aria) => (
            <textarea
              {...inputProps(aria, 'fp-apply-textarea')}
              name="description"
              rows={5}
              maxLength={DESCRIPTION_MAX}
              placeholder={t('apply.descriptionPlaceholder')}
              value={values.description}
              onChange={(event) => change('description', event.target.value)}
              onBlur={() => show('description')}
              data-testid="apply-description"
            />
          )}
        </PlainField>
        {/* Honeypot: hidden from people (and screen readers); robots that fill every field give themselves away. */}
        <div className="fp-apply-hp" aria-hidden="true">
          <label htmlFor="apply-website">Website</label>
          <input
            id="apply-website"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(event) => change('website', event.target.value)}
            data-testid="apply-website"
          />
        </div>
        <div className="fp-apply-consent-field">
          <label className="fp-apply-consent">
            <input
              type="checkbox"
              name="consent"
              checked={values.consent}
              aria-invalid={errorOf('consent') ? true : undefined}
              aria-describedby={errorOf('consent') ? 'apply-consent-error' : undefined}
              onChange={(event) => {
                change('consent', event.target.checked);
                show('consent');
              }}
              data-testid="apply-consent"
            />
            <span>{t('apply.consent')}</span>
          </label>
          {errorOf('consent') ? (
            <div id="apply-consent-error" className="fp-field-error" role="alert" data-testid="apply-consent-error">
              {errorOf('consent')}
            </div>
          ) : null}
        </div>
        {error ? <Notice type="error" title={error.title} detail={error.detail || undefined} className="fp-apply-notice" testId="apply-error" /> : null}
        <button
          type="submit"
          className="fp-apply-btn fp-apply-btn-primary fp-apply-btn-block"
          disabled={submit.isPending}
          aria-busy={submit.isPending || undefined}
          data-testid="apply-submit"
        >
          {submit.isPending ? t('apply.submitting') : t('apply.submit')}
        </button>
      </form>
    </Panel>
  );
}

function Submitted({ referenceNo, onAnother }: { referenceNo: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard
      ?.writeText(referenceNo)
      .then(() => setIsCopied(true))
      .catch(() => undefined);
  };
  return (
    <Panel className="fp-apply-card fp-apply-done" data-testid="apply-done">
      <CheckCircleFilled className="fp-apply-done-icon" />
      <h2 className="fp-apply-done-title">{t('apply.done')}</h2>
      <div className="fp-apply-label">{t('apply.referenceNo')}</div>
      <div className="fp-apply-ref" data-testid="apply-reference">
        {referenceNo}
      </div>
      <Notice type="warning" title={t('apply.keepIt')} className="fp-apply-notice fp-apply-keep" />
      <div className="fp-apply-done-actions">
        <button type="button" className="fp-apply-btn" onClick={copy}>
          <CopyOutlined />
          <span>{isCopied ? t('apply.copied') : t('apply.copy')}</span>
        </button>
        <button type="button" className="fp-apply-btn" onClick={onAnother} data-testid="apply-another">
          {t('apply.another')}
        </button>
      </div>
    </Panel>
  );
}

function Progress({ initial }: { initial: { referenceNo: string; phone: string } | null }) {
  const { t, i18n } = useTranslation();
  const status = useApplicationStatus();
  const [values, setValues] = useState({ referenceNo: initial?.referenceNo ?? '', phone: initial?.phone ?? '' });
  const [isSent, setIsSent] = useState(false);
  const [result, setResult] = useState<ApplicationStatus | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Loads the reason's text if the failure has one (and renders again then).
  useDescribedError(t, failure, i18n.language);
  const error = !failure
    ? null
    : isApiError(failure) && failure.status === 404
      ? t('apply.notFound')
      : isApiError(failure) && failure.status === 429
        ? t('apply.rateLimited')
        : problemLine(t, failure, i18n.language);
  const problems = isSent ? progressProblems(values) : {};

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setIsSent(true);
    if (Object.keys(progressProblems(values)).length > 0) return;
    setFailure(null);
    setResult(null);
    status.mutate(
      { referenceNo: normalizeReferenceNo(values.referenceNo), phone: normalizeMobile(values.phone) },
      { onSuccess: setResult, onError: setFailure },
    );
  };

  return (
    <Panel className="fp-apply-card" title={t('apply.progress')} size="small" data-testid="apply-progress">
      <p className="fp-apply-label fp-apply-progress-hint">{t('apply.progressHint')}</p>
      <form className="fp-apply-form" onSubmit={onSubmit} noValidate>
        <PlainField
          id="progress-reference"
          label={t('apply.referenceNo')}
          error={problems.referenceNo ? t(`apply.${problems.referenceNo}`) : null}
        >
          {(aria) => (
            <input
              {...inputProps(aria, 'fp-mono')}
              name="referenceNo"
              autoCapitalize="characters"
              placeholder="SQ20261129-7K3M9Q"
              value={values.referenceNo}
              onChange={(event) => setValues((previous) => ({ ...previous, referenceNo: event.target.value }))}
              data-testid="progress-reference"
            />
          )}
        </PlainField>
        <PlainField id="progress-phone" label={t('apply.phone')} error={problems.phone ? t(`apply.${problems.phone}`) : null}>
          {(aria) => (
            <PhoneInput
              {...inputProps(aria)}
              value={values.phone}
              onChange={(phone) => setValues((previous) => ({ ...previous, phone }))}
              data-testid="progress-phone"
            />
          )}
        </PlainField>
        <button
          type="submit"
          className="fp-apply-btn fp-apply-btn-block"
          disabled={status.isPending}
          aria-busy={status.isPending || undefined}
          data-testid="progress-submit"
        >
          <SearchOutlined />
          <span>{t('apply.query')}</span>
        </button>
      </form>
      {error ? <Notice type="error" title={error} className="fp-apply-progress-error" testId="progress-error" /> : null}
      {result ? (
        <div className="fp-apply-status" data-testid="progress-result">
          <div>
            <span className="fp-apply-label">{t('apply.status')}</span>
            <span className="fp-apply-status-tag" data-testid="progress-status" data-status={result.status}>
              {/* The server's Chinese text names the current step; other languages show the stage. */}
              {i18n.language === 'zh-CN'
                ? result.statusZh
                : t(`apply.statuses.${result.status}`, { defaultValue: result.statusZh })}
            </span>
          </div>
          <div>
            <span className="fp-apply-label">{t('apply.createdAt')}</span>
            <span className="fp-mono">{formatDateTime(result.createdAt, i18n.language)}</span>
          </div>
        </div>
      ) : null}
    </Panel>
  );
}
