import {
  CloseCircleOutlined,
  FilePdfOutlined,
  LinkOutlined,
  PaperClipOutlined,
  SendOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Image,
  Input,
  Modal,
  Result,
  Select,
  Spin,
  Tabs,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSignedInUser } from '../app/signed-in-user';
import type { HouseholdSummary, Me } from '../api/types';
import { riskTypeLabel, RISK_TYPE_CODES } from '../department/labels';
import { formatDateTime, todayInChina } from '../households/age';
import { HouseholdLookup } from '../hotline/HouseholdLookup';
import { useScopeVillages } from '../hotline/hooks';
import { intakeAbilities } from '../hotline/roles';
import { VillageSelect } from '../hotline/VillageSelect';
import { describeError } from '../ui/problem';
import { useShowProblem } from '../ui/useShowProblem';
import { ErrorState } from '../ui/ErrorState';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import {
  ACCEPT_ATTRIBUTE,
  attachmentProblem,
  createVisitReport,
  uploadVisitAttachment,
  useReviewVisit,
  useVisitReports,
  type Attachment,
  type VisitReport,
  type VisitStatus,
} from './api';
import { newClientId, visitTabFromParams, type VisitTab } from './visit-form';
import '../hotline/intake.css';
import { PageHeader } from '../ui/PageHeader';

const STATUS_COLORS: Record<VisitStatus, string> = {
  submitted: 'processing',
  forwarded: 'orange',
  dismissed: 'default',
};

export function VisitsPage() {
  const me = useSignedInUser();
  const { t } = useTranslation();
  useDocumentTitle(t('visits.title'));
  const abilities = intakeAbilities(me);
  const [params, setParams] = useSearchParams();
  const tab = visitTabFromParams(params, abilities);

  if (!abilities.canReadVisits && !abilities.canReportVisits) {
    return <Result status="403" title={t('errors.FORBIDDEN')} />;
  }

  const items = [
    ...(abilities.canReportVisits ? [{ key: 'new', label: t('visits.tabNew'), children: <VisitForm me={me} /> }] : []),
    ...(abilities.canReadVisits
      ? (['submitted', 'forwarded', 'dismissed'] as const).map((status) => ({
          key: status,
          label: <TabLabel status={status} />,
          children: <VisitList status={status} canReview={abilities.canReviewVisits} isActive={tab === status} />,
        }))
      : []),
  ];

  return (
    <div className="fp-page" data-testid="visits-page">
      <PageHeader title={t('visits.title')} subtitle={t('visits.subtitle')} />
      <Card size="small" className="fp-tabs-card">
        <Tabs
          activeKey={tab}
          items={items}
          destroyOnHidden
          onChange={(key) => setParams(key === 'new' ? {} : { tab: key as VisitTab }, { replace: true })}
        />
      </Card>
    </div>
  );
}

function TabLabel({ status }: { status: VisitStatus }) {
  const { t } = useTranslation();
  // The review queue shows its size; the other tabs only their name.
  const reports = useVisitReports('submitted', status === 'submitted');
  const count = status === 'submitted' ? reports.data?.total : undefined;
  return (
    <span data-testid={`visits-tab-${status}`}>
      {t(`visits.status.${status}`)}
      {count ? <Tag className="fp-tab-count">{count}</Tag> : null}
    </span>
  );
}

interface VisitFormValues {
  householdId?: string | null;
  regionCode?: string;
  visitedOn: string;
  observed: string;
  riskTypes: string[];
}

function VisitForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<VisitFormValues>();
  const villages = useScopeVillages(me.regionCode);
  const today = todayInChina();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [clientId, setClientId] = useState(newClientId);
  const [pending, setPending] = useState<{ report: VisitReport; remaining: UploadFile[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; detail: string } | null>(null);
  const [known, setKnown] = useState<HouseholdSummary | null>(null);
  const villageCodes = useMemo(() => new Set((villages.data ?? []).map((v) => v.code)), [villages.data]);
  // A village cadre works in one village: it is chosen for them.
  const ownVillage = villages.data?.length === 1 ? villages.data[0]?.code : undefined;
  useEffect(() => {
    if (ownVillage && !form.getFieldValue('regionCode')) form.setFieldValue('regionCode', ownVillage);
  }, [ownVillage, form]);

  const reset = () => {
    form.resetFields();
    if (ownVillage) form.setFieldValue('regionCode', ownVillage);
    setFiles([]);
    setKnown(null);
    setPending(null);
    setClientId(newClientId());
  };

  const onFinish = async (values: VisitFormValues) => {
    setBusy(true);
    setError(null);
    try {
      const report =
        pending?.report ??
        (await createVisitReport({
          clientId,
          householdId: values.householdId ?? null,
          regionCode: values.regionCode ?? ownVillage ?? '',
          visitedOn: values.visitedOn,
          observed: values.observed.trim(),
          riskTypes: values.riskTypes,
        }));
      const toUpload = pending ? pending.remaining : files;
      const failed: UploadFile[] = [];
      for (const file of toUpload) {
        if (!file.originFileObj) continue;
        try {
          await uploadVisitAttachment(report.id, file.originFileObj);
        } catch {
          failed.push(file);
        }
      }
      void queryClient.invalidateQueries({ queryKey: ['visit-reports'] });
      if (failed.length > 0) {
        setPending({ report, remaining: failed });
        setFiles(failed);
        setError({ title: t('visits.uploadFailed', { count: failed.length }), detail: '' });
        return;
      }
      void message.success(t('visits.submitted'));
      reset();
    } catch (err) {
      setError(describeError(t, err, i18n.language));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<VisitFormValues>
      form={form}
      layout="vertical"
      className="fp-visit-form"
      initialValues={{ visitedOn: today, riskTypes: [], regionCode: ownVillage }}
      onFinish={(values) => void onFinish(values)}
      disabled={busy}
      data-testid="visit-form"
    >
      <div className="fp-desk-row fp-desk-row-2">
        <Form.Item name="householdId" label={t('visits.household')} extra={t('visits.householdHint')}>
          <HouseholdLookup
            known={known}
            placeholder={t('visits.householdPlaceholder')}
            testId="visit-household"
            onPick={(h) => {
              setKnown(h);
              if (h && villageCodes.has(h.regionCode)) form.setFieldValue('regionCode', h.regionCode);
            }}
          />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label={t('visits.village')}
          rules={[{ required: true, message: t('visits.villageRequired') }]}
        >
          <VillageSelect
            villages={villages.data ?? []}
            loading={villages.isPending}
            placeholder={t('visits.villagePlaceholder')}
            testId="visit-village"
          />
        </Form.Item>
      </div>
      <div className="fp-desk-row fp-desk-row-2">
        <Form.Item
          name="visitedOn"
          label={t('visits.visitedOn')}
          rules={[
            { required: true, message: t('visits.visitedOnRequired') },
            {
              validator: (_, value: string | undefined) =>
                !value || value <= today ? Promise.resolve() : Promise.reject(new Error(t('visits.visitedOnFuture'))),
            },
          ]}
        >
          <Input type="date" max={today} data-testid="visit-date" />
        </Form.Item>
        <Form.Item
          name="riskTypes"
          label={t('visits.riskTypes')}
          rules={[{ required: true, type: 'array', min: 1, message: t('visits.riskTypesRequired') }]}
        >
          <Select<string[]>
            mode="multiple"
            allowClear
            maxCount={5}
            showSearch={{ optionFilterProp: 'label' }}
            options={RISK_TYPE_CODES.map((code) => ({ value: code, label: riskTypeLabel(t, code) }))}
            data-testid="visit-risk-types"
          />
        </Form.Item>
      </div>
      <Form.Item
        name="observed"
        label={t('visits.observed')}
        rules={[{ required: true, whitespace: true, message: t('visits.observedRequired') }]}
      >
        <Input.TextArea
          rows={4}
          maxLength={2000}
          showCount
          placeholder={t('visits.observedPlaceholder')}
          data-testid="visit-observed"
        />
      </Form.Item>
      <Form.Item label={t('visits.photos')} extra={t('visits.photosHint')}>
        <Upload
          accept={ACCEPT_ATTRIBUTE}
          multiple
          listType="picture"
          fileList={files}
          beforeUpload={(file) => {
            const problem = attachmentProblem(file);
            if (problem === 'tooLarge') void message.error(t('visits.fileTooLarge', { name: file.name }));
            if (problem === 'wrongType') void message.error(t('visits.fileWrongType', { name: file.name }));
            return problem ? Upload.LIST_IGNORE : false;
          }}
          onChange={({ fileList }) => setFiles(fileList)}
          disabled={busy || pending !== null}
        >
          <Button icon={<UploadOutlined />} data-testid="visit-photos">
            {t('visits.photosAdd')}
          </Button>
        </Upload>
      </Form.Item>
      {error ? (
        <Alert
          type={pending ? 'warning' : 'error'}
          showIcon
          className="fp-desk-alert"
          title={error.title}
          description={error.detail || undefined}
          data-testid="visit-error"
        />
      ) : null}
      <div className="fp-desk-actions">
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={busy}
          size="large"
          data-testid="visit-submit"
        >
          {pending ? t('visits.retryUpload') : t('visits.submit')}
        </Button>
      </div>
    </Form>
  );
}

function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  const images = attachments.filter((a) => a.mimeType.startsWith('image/'));
  const others = attachments.filter((a) => !a.mimeType.startsWith('image/'));
  return (
    <div className="fp-visit-attachments" data-testid="visit-attachments">
      {images.length > 0 ? (
        <Image.PreviewGroup>
          {images.map((a) => (
            <Image key={a.id} src={a.url} alt={a.fileName} width={84} height={84} className="fp-visit-thumb" />
          ))}
        </Image.PreviewGroup>
      ) : null}
      {others.map((a) => (
        <a key={a.id} href={a.url} target="_blank" rel="noreferrer" className="fp-visit-file">
          {a.mimeType === 'application/pdf' ? <FilePdfOutlined /> : <PaperClipOutlined />} {a.fileName}
        </a>
      ))}
    </div>
  );
}

function VisitList({ status, canReview, isActive }: { status: VisitStatus; canReview: boolean; isActive: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const navigate = useNavigate();
  const reports = useVisitReports(status, isActive);
  const review = useReviewVisit();
  const [dialog, setDialog] = useState<{ report: VisitReport; action: 'forward' | 'dismiss' } | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState(false);

  const open = (report: VisitReport, action: 'forward' | 'dismiss') => {
    setNote('');
    setNoteError(false);
    setDialog({ report, action });
  };

  const confirm = () => {
    if (!dialog) return;
    const text = note.trim();
    if (dialog.action === 'dismiss' && !text) {
      setNoteError(true);
      return;
    }
    review.mutate(
      { id: dialog.report.id, action: dialog.action, ...(text ? { note: text } : {}) },
      {
        onSuccess: (res) => {
          setDialog(null);
          if (dialog.action === 'dismiss') {
            void message.success(t('visits.dismissDone'));
            return;
          }
          void message.success({
            content: (
              <span data-testid="visit-forwarded">
                {t('visits.forwardDone')}
                {res.caseId ? (
                  <>
                    {' '}
                    {/* Messages render outside the router: navigate from here rather than with <Link>. */}
                    <Button
                      type="link"
                      size="small"
                      className="fp-inline-link"
                      onClick={() => void navigate(`/cases/${res.caseId}`)}
                    >
                      {t('visits.openCase')}
                    </Button>
                  </>
                ) : null}
              </span>
            ),
            duration: 6,
          });
        },
        onError: (err) => {
          showProblem(err);
        },
      },
    );
  };

  if (reports.isError) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  const rows = reports.data?.items ?? [];

  return (
    <Spin spinning={reports.isPending || reports.isPlaceholderData}>
      {reports.data && rows.length === 0 ? (
        <Empty className="fp-empty" description={t('visits.empty')} />
      ) : (
        <ul className="fp-visit-list" data-testid="visit-list">
          {rows.map((r) => (
            <li
              key={r.id}
              className="fp-visit-item"
              data-testid="visit-row"
              data-visit-id={r.id}
              data-status={r.status}
            >
              <div className="fp-visit-top">
                <span className="fp-mono">{r.visitedOn}</span>
                <strong>{r.villageName ?? ''}</strong>
                {r.householdId ? (
                  <Link to={`/households/${r.householdId}`} data-testid="visit-household-link">
                    {r.headName ?? ''} <span className="fp-mono fp-muted">{r.householdNumber}</span>
                  </Link>
                ) : (
                  <span className="fp-muted">{t('visits.notLinked')}</span>
                )}
                <span className="fp-visit-status">
                  <Tag color={STATUS_COLORS[r.status]} data-testid="visit-status">
                    {t(`visits.status.${r.status}`)}
                  </Tag>
                </span>
              </div>
              <div className="fp-visit-observed" data-testid="visit-observed-text">
                {r.observed}
              </div>
              <div className="fp-tag-list">
                {r.riskTypes.map((code) => (
                  <Tag key={code} color="orange">
                    {riskTypeLabel(t, code)}
                  </Tag>
                ))}
                {r.visitorName ? (
                  <span className="fp-muted">
                    {t('visits.visitor')}：{r.visitorName}
                  </span>
                ) : null}
              </div>
              <AttachmentList attachments={r.attachments} />
              {r.reviewNote || r.reviewedBy ? (
                <div className="fp-visit-review fp-muted">
                  {r.reviewedBy ? `${t('visits.reviewedBy')}：${r.reviewedBy}` : ''}
                  {r.reviewedAt ? ` · ${formatDateTime(r.reviewedAt, i18n.language)}` : ''}
                  {r.reviewNote ? ` · ${t('visits.reviewNote')}：${r.reviewNote}` : ''}
                </div>
              ) : null}
              {r.caseId ? (
                <Link to={`/cases/${r.caseId}`} className="fp-small" data-testid="visit-case-link">
                  <LinkOutlined /> {t('visits.openCase')}
                </Link>
              ) : null}
              {canReview && r.status === 'submitted' ? (
                <div className="fp-visit-actions">
                  <Button
                    type="primary"
                    icon={<SendOutlined />}
                    onClick={() => open(r, 'forward')}
                    data-testid="visit-forward"
                  >
                    {t('visits.forward')}
                  </Button>
                  <Button icon={<CloseCircleOutlined />} onClick={() => open(r, 'dismiss')} data-testid="visit-dismiss">
                    {t('visits.dismiss')}
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Modal
        open={dialog !== null}
        title={dialog?.action === 'dismiss' ? t('visits.dismissTitle') : t('visits.forwardTitle')}
        okText={t('visits.confirm')}
        cancelText={t('visits.cancel')}
        okButtonProps={{
          danger: dialog?.action === 'dismiss',
          ...({ 'data-testid': 'visit-review-ok' } as Record<string, string>),
        }}
        confirmLoading={review.isPending}
        onOk={confirm}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {dialog ? (
          <label className="fp-stacked fp-visit-dialog">
            <span className="fp-muted">
              {dialog.report.villageName} · {dialog.report.headName ?? t('visits.notLinked')} ·{' '}
              {dialog.report.visitedOn}
            </span>
            <span>{dialog.action === 'dismiss' ? t('visits.dismissNote') : t('visits.forwardNote')}</span>
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              value={note}
              status={noteError ? 'error' : undefined}
              placeholder={dialog.action === 'dismiss' ? t('visits.dismissPlaceholder') : undefined}
              onChange={(e) => {
                setNote(e.target.value);
                if (e.target.value.trim()) setNoteError(false);
              }}
              data-testid="visit-review-note"
            />
            {noteError ? <span className="fp-error-text">{t('visits.dismissNoteRequired')}</span> : null}
          </label>
        ) : null}
      </Modal>
    </Spin>
  );
}
