import { CheckCircleFilled, CopyOutlined, EnvironmentOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Select, Spin, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { formatDateTime } from '../households/age';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Panel } from '../ui/Panel';
import { describeError, useProblemLine } from '../ui/problem';
import { ProblemAlert } from '../ui/ProblemAlert';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import {
  useApplicationStatus,
  usePublicVillage,
  usePublicVillages,
  useSubmitApplication,
  type ApplicationStatus,
} from './api';
import {
  countyFromParams,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  descriptionLength,
  isMobile,
  normalizeMobile,
  normalizeReferenceNo,
  toNewApplication,
  villageFromParams,
  type ApplyFormValues,
} from './apply-form';
import './apply.css';

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

interface ApplyFormProps {
  villageParam: string | null;
  village: { code: string; name: string; townshipName: string } | null;
  villageLoading: boolean;
  villageUnknown: boolean;
  villages: { code: string; name: string; townshipName: string }[];
  villagesLoading: boolean;
  villagesError: unknown;
  isPicking: boolean;
  onPick: () => void;
  onSubmitted: (value: { referenceNo: string; phone: string }) => void;
}

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
  const [form] = Form.useForm<ApplyFormValues>();
  const submit = useSubmitApplication();
  const [error, setError] = useState<{ title: string; detail: string } | null>(null);
  const villageOptions = useMemo(
    () => villages.map((v) => ({ value: v.code, label: `${v.townshipName} ${v.name}` })),
    [villages],
  );

  const onFinish = (values: ApplyFormValues) => {
    setError(null);
    const villageCode = isPicking ? values.villageCode : (village?.code ?? villageParam ?? undefined);
    submit.mutate(toNewApplication({ ...values, villageCode }), {
      onSuccess: ({ referenceNo }) => {
        onSubmitted({ referenceNo, phone: normalizeMobile(values.phone) });
        window.scrollTo({ top: 0 });
      },
      onError: (err) => {
        if (isApiError(err) && err.status === 429) {
          // The server says which limit was hit (too many from this network, or from this phone today).
          const { detail } = describeError(t, err, i18n.language);
          setError({ title: detail || t('apply.rateLimited'), detail: detail ? t('apply.rateLimitedHint') : '' });
          return;
        }
        const described = describeError(t, err, i18n.language);
        setError(described);
        const field = isApiError(err) ? err.field : undefined;
        if (field && ['villageCode', 'name', 'phone', 'description', 'consent'].includes(field)) {
          form.setFields([{ name: field as keyof ApplyFormValues, errors: [described.detail || described.title] }]);
        }
      },
    });
  };

  return (
    <Panel className="fp-apply-card" data-testid="apply-form-card">
      <p className="fp-apply-intro">{t('apply.intro')}</p>
      <Form<ApplyFormValues> form={form} layout="vertical" size="large" onFinish={onFinish} requiredMark={false}>
        {isPicking ? (
          <>
            {villageUnknown ? (
              <Alert type="warning" showIcon className="fp-apply-alert" title={t('apply.villageUnknown')} />
            ) : null}
            <ProblemAlert error={villagesError} title={t('apply.villagesFailed')} className="fp-apply-alert" testId="apply-villages-error" />
            <Form.Item
              name="villageCode"
              label={t('apply.village')}
              rules={[{ required: true, message: t('apply.villageRequired') }]}
            >
              <Select<string>
                options={villageOptions}
                loading={villagesLoading}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('apply.villagePick')}
                data-testid="apply-village-select"
              />
            </Form.Item>
          </>
        ) : (
          <div className="fp-apply-village" data-testid="apply-village">
            <EnvironmentOutlined className="fp-apply-village-icon" />
            <div className="fp-apply-village-text">
              <span className="fp-apply-label">{t('apply.village')}</span>
              {villageLoading ? (
                <Spin size="small" />
              ) : (
                <strong data-testid="apply-village-name">
                  {village ? `${village.townshipName} ${village.name}` : ''}
                </strong>
              )}
            </div>
            <Button type="link" onClick={onPick} data-testid="apply-village-change">
              {t('apply.villageChange')}
            </Button>
          </div>
        )}
        <Form.Item name="name" label={t('apply.name')}>
          <Input maxLength={50} autoComplete="name" data-testid="apply-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('apply.phone')}
          validateTrigger="onBlur"
          rules={[
            { required: true, whitespace: true, message: t('apply.phoneRequired') },
            {
              validator: (_, value: string | undefined) =>
                !value || isMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('apply.phoneInvalid'))),
            },
          ]}
        >
          <Input type="tel" inputMode="numeric" maxLength={16} autoComplete="tel" data-testid="apply-phone" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('apply.description')}
          validateTrigger="onBlur"
          rules={[
            {
              validator: (_, value: string | undefined) =>
                descriptionLength(value ?? '') >= DESCRIPTION_MIN
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('apply.descriptionTooShort'))),
            },
          ]}
        >
          <Input.TextArea
            rows={5}
            maxLength={DESCRIPTION_MAX}
            showCount
            placeholder={t('apply.descriptionPlaceholder')}
            data-testid="apply-description"
          />
        </Form.Item>
        {/* Honeypot: hidden from people (and screen readers); robots that fill every field give themselves away. */}
        <div className="fp-apply-hp" aria-hidden="true">
          <Form.Item name="website" label="Website" initialValue="">
            <Input tabIndex={-1} autoComplete="off" data-testid="apply-website" />
          </Form.Item>
        </div>
        <Form.Item
          name="consent"
          valuePropName="checked"
          rules={[
            {
              validator: (_, value: boolean | undefined) =>
                value ? Promise.resolve() : Promise.reject(new Error(t('apply.consentRequired'))),
            },
          ]}
        >
          <Checkbox data-testid="apply-consent" className="fp-apply-consent">
            {t('apply.consent')}
          </Checkbox>
        </Form.Item>
        {error ? (
          <Alert
            type="error"
            showIcon
            className="fp-apply-alert"
            title={error.title}
            description={error.detail || undefined}
            data-testid="apply-error"
          />
        ) : null}
        <Button type="primary" htmlType="submit" block loading={submit.isPending} data-testid="apply-submit">
          {submit.isPending ? t('apply.submitting') : t('apply.submit')}
        </Button>
      </Form>
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
      <Alert type="warning" showIcon className="fp-apply-alert fp-apply-keep" title={t('apply.keepIt')} />
      <div className="fp-apply-done-actions">
        <Button icon={<CopyOutlined />} onClick={copy} size="large">
          {isCopied ? t('apply.copied') : t('apply.copy')}
        </Button>
        <Button onClick={onAnother} size="large" data-testid="apply-another">
          {t('apply.another')}
        </Button>
      </div>
    </Panel>
  );
}

interface ProgressForm {
  referenceNo: string;
  phone: string;
}

function Progress({ initial }: { initial: { referenceNo: string; phone: string } | null }) {
  const { t, i18n } = useTranslation();
  const problemLine = useProblemLine();
  const status = useApplicationStatus();
  const [result, setResult] = useState<ApplicationStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onFinish = (values: ProgressForm) => {
    setError(null);
    setResult(null);
    status.mutate(
      { referenceNo: normalizeReferenceNo(values.referenceNo), phone: normalizeMobile(values.phone) },
      {
        onSuccess: setResult,
        onError: (err) => {
          if (isApiError(err) && err.status === 404) setError(t('apply.notFound'));
          else if (isApiError(err) && err.status === 429) setError(t('apply.rateLimited'));
          else {
            setError(problemLine(err));
          }
        },
      },
    );
  };

  return (
    <Panel className="fp-apply-card" title={t('apply.progress')} size="small" data-testid="apply-progress">
      <p className="fp-apply-label">{t('apply.progressHint')}</p>
      <Form<ProgressForm>
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={initial ?? undefined}
        size="large"
      >
        <Form.Item
          name="referenceNo"
          label={t('apply.referenceNo')}
          rules={[{ required: true, whitespace: true, message: t('apply.referenceRequired') }]}
        >
          <Input
            className="fp-mono"
            autoCapitalize="characters"
            placeholder="SQ20261129-7K3M9Q"
            data-testid="progress-reference"
          />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('apply.phone')}
          rules={[
            { required: true, whitespace: true, message: t('apply.phoneRequired') },
            {
              validator: (_, value: string | undefined) =>
                !value || isMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('apply.phoneInvalid'))),
            },
          ]}
        >
          <Input type="tel" inputMode="numeric" maxLength={16} data-testid="progress-phone" />
        </Form.Item>
        <Button
          htmlType="submit"
          icon={<SearchOutlined />}
          block
          loading={status.isPending}
          data-testid="progress-submit"
        >
          {t('apply.query')}
        </Button>
      </Form>
      {error ? (
        <Alert type="error" showIcon className="fp-apply-alert" title={error} data-testid="progress-error" />
      ) : null}
      {result ? (
        <div className="fp-apply-status" data-testid="progress-result">
          <div>
            <span className="fp-apply-label">{t('apply.status')}</span>
            <Tag color="blue" className="fp-apply-status-tag" data-testid="progress-status" data-status={result.status}>
              {/* The server's Chinese text names the current step; other languages show the stage. */}
              {i18n.language === 'zh-CN'
                ? result.statusZh
                : t(`apply.statuses.${result.status}`, { defaultValue: result.statusZh })}
            </Tag>
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
