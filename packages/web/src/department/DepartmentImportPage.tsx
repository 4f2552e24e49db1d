import { CheckCircleOutlined, CloudUploadOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Progress,
  Result,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { textLanguage } from '../i18n/server-texts';
import { Link, useSearchParams } from 'react-router';
import { uploadDepartmentFile, useDepartmentSources } from '../api/hooks';
import { useSignedInUser } from '../app/signed-in-user';
import {
  startDepartmentImportJob,
  useDepartmentSourceSettings,
  useImportJob,
  useSaveDepartmentSourceSettings,
} from '../api/department-hooks';
import { mayManageSourceSettings } from '@fangpin/domain';
import type { DepartmentImportError, DepartmentImportResult, DepartmentSource, ImportJob } from '../api/types';
import { ErrorState } from '../ui/ErrorState';
import { ProblemAlert } from '../ui/ProblemAlert';
import { ApiError } from '../api/client';
import { describeError } from '../ui/problem';
import { HeaderMappingCard } from './HeaderMappingCard';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { ImportCounts, RejectedByCode } from './ImportCounts';
import { sourceName } from './labels';
import { PageHeader } from '../ui/PageHeader';
import { todayInChina } from '../households/age';

type Phase = 'idle' | 'uploading' | 'comparing' | 'job';

function RecognisedHeaders({ source }: { source: DepartmentSource }) {
  const { t } = useTranslation();
  return (
    <div className="fp-import-headers" data-testid="import-headers">
      <span className="fp-muted">{t('department.headersOf')}：</span>
      {source.fields.map((field) => (
        <span key={field.field} className="fp-import-header">
          <strong>{field.zh}</strong>
          {field.isRequired ? <span className="fp-required">*</span> : null}
          <span className="fp-muted"> ({field.aliases.join(' / ')})</span>
        </span>
      ))}
    </div>
  );
}

export function DepartmentImportPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('department.importTitle'));
  const me = useSignedInUser();
  const sources = useDepartmentSources();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const [sourceCode, setSourceCode] = useState<string | undefined>(searchParams.get('source') ?? undefined);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<DepartmentImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [isMappingOpen, setMappingOpen] = useState(false);
  // The list's date for a per-record list without a date column whose title rows name none (YYYY-MM-DD).
  const [listDate, setListDate] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);
  const job = useImportJob(jobId);
  const settings = useDepartmentSourceSettings(sourceCode, me.abilities.canImportDepartment === true);
  const saveSettings = useSaveDepartmentSourceSettings(sourceCode ?? '');

  // The background import finished: show its counts like the preview's.
  const jobStatus = job.data?.status;
  useEffect(() => {
    if (!job.data || (jobStatus !== 'done' && jobStatus !== 'failed')) return;
    setPhase('idle');
    if (jobStatus === 'done' && job.data.result) {
      setResult(job.data.result);
      void queryClient.invalidateQueries({ queryKey: ['department', 'batches'] });
      void queryClient.invalidateQueries({ queryKey: ['warnings'] });
    }
  }, [job.data, jobStatus, queryClient]);

  const source = useMemo(() => sources.data?.find((s) => s.code === sourceCode), [sources.data, sourceCode]);
  const canImport = me.abilities.canImportDepartment === true;

  const clear = () => {
    setResult(null);
    setError(null);
    setPercent(0);
    setJobId(null);
    setMappingOpen(false);
    setListDate('');
  };

  const run = async (dryRun: boolean) => {
    if (!file || !sourceCode) return;
    setError(null);
    setPercent(0);
    setPhase('uploading');
    const onUploadProgress = (fraction: number) => setPercent(Math.round(fraction * 100));
    if (!dryRun) {
      // The import itself runs as a background job; the page polls its progress.
      try {
        const { jobId: id } = await startDepartmentImportJob(sourceCode, file, { onUploadProgress }, listDate || undefined);
        setResult(null);
        setJobId(id);
        setPhase('job');
      } catch (e) {
        setError(e);
        setPhase('idle');
      }
      return;
    }
    try {
      const answer = await uploadDepartmentFile(
        sourceCode,
        file,
        dryRun,
        {
          onUploadProgress,
          onUploaded: () => setPhase('comparing'),
        },
        listDate || undefined,
      );
      setResult(answer);
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setPhase('idle');
    }
  };

  const saveMapping = async (choice: Record<string, string>) => {
    try {
      await saveSettings.mutateAsync({ headerMapping: { ...(settings.data?.headerMapping ?? {}), ...choice } });
      await run(true);
    } catch (e) {
      setError(e);
    }
  };

  if (!canImport) {
    return <Result status="403" title={t('errors.FORBIDDEN')} data-testid="department-import-forbidden" />;
  }

  const busy = phase !== 'idle';
  const isPreview = result !== null && result.isDryRun && !result.isRepeat;
  const isDone = result !== null && !result.isDryRun && !result.isRepeat;
  const headerCheck = isPreview ? result.headerCheck : undefined;
  const isMissingFields = !!headerCheck && headerCheck.missingFields.length > 0;
  // A list without a date column whose title rows name none: nothing can be read until its date is given.
  const needsListDate = !!headerCheck && headerCheck.listDate === null;
  const canSaveMapping = mayManageSourceSettings(me.role);
  // Extra columns the source does not need are not read, with a note; a mapping is needed only when
  // a required field is missing (or a county role chooses to map an unusual header).
  const ignoredHeaders = headerCheck && !isMissingFields ? headerCheck.unrecognised : [];
  const needsMapping = isMissingFields || (ignoredHeaders.length > 0 && canSaveMapping && isMappingOpen);
  const failedJob = job.data?.status === 'failed' ? job.data : null;
  const failedJobText = failedJob ? jobFailure(t, failedJob, i18n.language) : null;
  const rowsDone = job.data?.rowsDone ?? 0;
  const rowsTotal = job.data?.rowsTotal ?? null;
  const step = job.data?.status === 'running' ? job.data.step : null;
  // After the rows are read, a provincial file still takes about as long to match and judge: say so.
  const isReadingDone = step === 'matching' || step === 'warnings';
  const jobText = () => {
    const done = rowsDone.toLocaleString();
    if (job.data?.status !== 'running') return t('department.jobQueued');
    if (step === 'waiting') return t('department.jobWaiting');
    if (step === 'matching') return t('department.jobMatching', { done });
    if (step === 'warnings') return t('department.jobWarnings');
    return rowsTotal ? t('department.jobRunning', { done, total: rowsTotal.toLocaleString() }) : t('department.jobRunningNoTotal', { done });
  };

  const errorColumns: TableColumnsType<DepartmentImportError> = [
    {
      title: t('department.sheet'),
      dataIndex: 'sheet',
      width: 110,
      render: (v: string | null) => v ?? t('common.empty'),
    },
    { title: t('department.row'), dataIndex: 'row', width: 70, align: 'right' },
    { title: t('department.column'), dataIndex: 'column', width: 120 },
    {
      title: t('department.reason'),
      key: 'reason',
      render: (_, e) => (
        <span>
          <Tag color="red">{t(`codes.importError.${e.code}`, { defaultValue: e.code })}</Tag>
          {/* The stored message is the clerk's Chinese sentence with the cell's text (the errors file's): in English the code says it. */}
          {textLanguage(i18n.language) === 'zh' ? <span className="fp-muted">{e.message}</span> : null}
        </span>
      ),
    },
  ];

  return (
    <div className="fp-page" data-testid="department-import-page">
      <PageHeader title={t('department.importTitle')}>
        <Link to="/department/batches" className="fp-header-link">
          {t('department.viewBatches')}
        </Link>
      </PageHeader>
      <Card size="small" className="fp-section">
        <Typography.Paragraph className="fp-muted">{t('department.importIntro')}</Typography.Paragraph>
        {sources.isError ? <ErrorState error={sources.error} onRetry={() => void sources.refetch()} /> : null}
        <div className="fp-import-form">
          <label className="fp-import-field">
            <span className="fp-import-label">{t('department.source')}</span>
            <Select
              className="fp-import-source"
              value={sourceCode}
              placeholder={t('department.sourcePlaceholder')}
              loading={sources.isPending}
              disabled={busy}
              showSearch={{ optionFilterProp: 'label' }}
              options={(sources.data ?? []).map((s) => ({
                value: s.code,
                label: sourceName(s.code, sources.data, i18n.language),
              }))}
              onChange={(value: string) => {
                setSourceCode(value);
                clear();
              }}
              aria-label={t('department.source')}
              data-testid="import-source"
            />
          </label>
          <div className="fp-import-field">
            <span className="fp-import-label">{t('department.file')}</span>
            <span className="fp-import-file">
              <Button icon={<FileExcelOutlined />} disabled={busy} onClick={() => inputRef.current?.click()}>
                {t('department.chooseFile')}
              </Button>
              {file ? (
                <span className="fp-import-file-name" data-testid="import-file-name">
                  {file.name}
                </span>
              ) : null}
              <input
                ref={inputRef}
                type="file"
                hidden
                accept=".csv,.xlsx,.txt,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                data-testid="import-file-input"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  clear();
                  e.target.value = '';
                }}
              />
            </span>
          </div>
        </div>
        <div className="fp-muted fp-import-hint">{t('department.fileHint')}</div>
        {source ? <RecognisedHeaders source={source} /> : null}
        <Space wrap className="fp-import-actions">
          <Button
            icon={<CloudUploadOutlined />}
            disabled={!file || !sourceCode || busy || isDone}
            loading={busy && !result}
            onClick={() => void run(true)}
            type={isPreview ? 'default' : 'primary'}
            data-testid="import-preview"
          >
            {t('department.preview')}
          </Button>
          {isPreview ? (
            <Button
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={busy || isMissingFields || needsListDate}
              loading={busy}
              onClick={() => void run(false)}
              data-testid="import-confirm"
            >
              {t('department.confirm')}
            </Button>
          ) : null}
          {isDone || result?.isRepeat ? (
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setFile(null);
                clear();
              }}
              data-testid="import-again"
            >
              {t('department.again')}
            </Button>
          ) : null}
        </Space>
        {busy ? (
          <div className="fp-import-progress" data-testid="import-progress" data-phase={phase}>
            {phase === 'uploading' ? (
              <>
                <span className="fp-muted">{t('department.uploading')}</span>
                <Progress percent={percent} size="small" status="active" />
              </>
            ) : phase === 'job' ? (
              <div data-testid="import-job" data-status={job.data?.status ?? 'queued'}>
                <span
                  className="fp-muted"
                  data-testid="import-job-rows"
                  data-step={step ?? ''}
                  data-done={rowsDone}
                  data-total={rowsTotal ?? ''}
                >
                  {jobText()}
                </span>
                <Progress
                  percent={isReadingDone ? 99 : rowsTotal ? Math.min(99, Math.floor((rowsDone / Math.max(rowsTotal, 1)) * 100)) : 0}
                  size="small"
                  status="active"
                  showInfo={!!rowsTotal && !isReadingDone}
                />
                <div className="fp-muted">{t('department.jobHint')}</div>
              </div>
            ) : (
              <Spin>
                <span className="fp-import-comparing" data-testid="import-comparing">
                  {t('department.comparing')}
                </span>
              </Spin>
            )}
          </div>
        ) : null}
      </Card>

      {failedJob ? (
        <Alert
          type="error"
          showIcon
          className="fp-section"
          title={t('department.jobFailed')}
          description={failedJobText || undefined}
          data-testid="import-job-failed"
        />
      ) : null}

      {ignoredHeaders.length > 0 && headerCheck ? (
        <Alert
          type="info"
          showIcon
          className="fp-section"
          data-testid="import-ignored-columns"
          title={t('department.ignoredColumns', { headers: ignoredHeaders.join('、') })}
          description={
            (headerCheck.missingOptionalFields ?? []).length > 0
              ? t('department.ignoredOptionalMissing', {
                  fields: (headerCheck.missingOptionalFields ?? []).map((f) => f.zh).join('、'),
                })
              : undefined
          }
          action={
            canSaveMapping ? (
              <Button size="small" onClick={() => setMappingOpen((open) => !open)} data-testid="import-map-columns">
                {isMappingOpen ? t('department.ignoredMapClose') : t('department.ignoredMapOpen')}
              </Button>
            ) : undefined
          }
        />
      ) : null}

      {needsListDate ? (
        <Alert
          type="warning"
          showIcon
          className="fp-section"
          data-testid="import-list-date-needed"
          title={t('department.listDateNeeded')}
          description={
            <div className="fp-import-list-date">
              <div>{t('department.listDateNeededHint')}</div>
              <label className="fp-import-field">
                <span className="fp-import-label">{t('department.listDateLabel')}</span>
                <input
                  type="date"
                  className="ant-input fp-import-list-date-input"
                  value={listDate}
                  max={todayInChina()}
                  onChange={(e) => setListDate(e.target.value)}
                  data-testid="import-list-date"
                />
              </label>
              <Button type="primary" disabled={!listDate || busy} onClick={() => void run(true)} data-testid="import-list-date-preview">
                {t('department.listDatePreview')}
              </Button>
            </div>
          }
        />
      ) : null}

      {headerCheck?.listDate ? (
        <Alert
          type="info"
          showIcon
          className="fp-section"
          data-testid="import-list-date-used"
          data-from={headerCheck.listDate.from}
          title={t(headerCheck.listDate.from === 'title' ? 'department.listDateFromTitle' : 'department.listDateFromUploader', { date: headerCheck.listDate.date })}
        />
      ) : null}

      {needsMapping && source && headerCheck ? (
        <HeaderMappingCard
          key={`${sourceCode ?? ''}-${file?.name ?? ''}-${headerCheck.unrecognised.join('|')}`}
          source={source}
          check={headerCheck}
          isSaving={saveSettings.isPending || busy}
          canSave={canSaveMapping}
          onSave={(choice) => void saveMapping(choice)}
        />
      ) : null}

      <ProblemAlert error={error} className="fp-section" testId="import-error" />

      {result ? (
        <Card
          size="small"
          className="fp-section"
          data-testid="import-result"
          data-state={result.isRepeat ? 'repeat' : result.isDryRun ? 'preview' : 'done'}
        >
          {result.isRepeat ? (
            <Alert
              type="info"
              showIcon
              title={t('department.repeat')}
              description={t('department.repeatDetail')}
              data-testid="import-repeat"
            />
          ) : result.isDryRun ? (
            <Alert
              type="warning"
              showIcon
              title={t('department.previewTitle')}
              description={t('department.previewHint')}
              data-testid="import-preview-notice"
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('department.importedTitle')}
              description={
                <span>
                  {t(result.rejected > 0 ? 'department.importedDetail' : 'department.importedDetailAllAccepted', {
                    accepted: result.accepted,
                    rejected: result.rejected,
                    warnings: result.warnings,
                    count: result.newWarnings,
                  })}{' '}
                  <Link to="/department/batches" data-testid="import-view-batches">
                    {t('department.viewBatches')}
                  </Link>
                  {me.abilities.canReadWarnings === true ? (
                    <>
                      <span className="fp-dot">·</span>
                      <Link to={`/warnings?source=${encodeURIComponent(sourceCode ?? '')}&status=new`}>
                        {t('department.viewWarnings')}
                      </Link>
                    </>
                  ) : null}
                </span>
              }
              data-testid="import-done"
            />
          )}
          <ImportCounts counts={result.isRepeat ? { ...result, newWarnings: undefined } : result} />
          {(result.duplicates ?? 0) > 0 ? (
            <div className="fp-muted" data-testid="import-duplicates">
              {t('department.duplicates', { count: result.duplicates })}
            </div>
          ) : null}
          {result.listDate && !isPreview ? (
            <div className="fp-muted" data-testid="import-list-date-done">
              {t(result.listDateFrom === 'title' ? 'department.listDateFromTitle' : 'department.listDateFromUploader', { date: result.listDate })}
            </div>
          ) : null}
          {result.rejected > 0 ? (
            <div className="fp-import-rejected">
              <span className="fp-muted">{t('department.rejectedByCode')}：</span>
              <RejectedByCode byCode={result.rejectedByCode} />
            </div>
          ) : null}
          {result.errors.length > 0 ? (
            <>
              <Typography.Title level={5} className="fp-import-errors-title">
                {t('department.errorsTitle')}
              </Typography.Title>
              {result.errors.length < result.rejected ? (
                <div className="fp-muted">{t('department.errorsCapped', { count: result.errors.length })}</div>
              ) : null}
              <Table<DepartmentImportError>
                size="small"
                rowKey={(e) => `${e.sheet ?? ''}-${e.row}-${e.column}`}
                columns={errorColumns}
                dataSource={result.errors}
                pagination={{ pageSize: 10, hideOnSinglePage: true, simple: true }}
                scroll={{ x: 640 }}
                data-testid="import-errors"
              />
            </>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

/**
 * Why a background import failed, in the reader's language: the job's problem (code, reason,
 * params) read like an API error; the server's English `error` is for logs and API users.
 */
function jobFailure(t: TFunction, job: ImportJob, language: string): string {
  if (!job.problem) return '';
  const { code, reason, params, row, field } = job.problem;
  const { title, detail } = describeError(t, new ApiError(422, { code, reason, params, row, field }), language);
  const where = row !== undefined ? t('department.jobFailedRow', { row }) : '';
  return `${detail || title}${where}`;
}
