import { CheckCircleFilled, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShowProblem } from '../ui/useShowProblem';
import { caseKeys, uploadCaseAttachment, type AttachmentPurpose } from './hooks';
import type { CaseAttachment } from './types';
import './attachments.css';

/**
 * Upload one file of a purpose (signed consent, minutes …) to the case and list the files of that
 * purpose already there. On a phone the file input opens the camera or the gallery. `queryKey` is
 * the query the upload refreshes: the identification case's by default (a risk elimination passes
 * its own page's).
 */
export function AttachmentUpload({
  caseId,
  purpose,
  attachments,
  label,
  queryKey,
}: {
  caseId: string;
  purpose: AttachmentPurpose;
  attachments: readonly CaseAttachment[];
  label?: string;
  queryKey?: readonly unknown[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const mine = attachments.filter((a) => a.purpose === purpose);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const attachment = await uploadCaseAttachment(caseId, purpose, file);
      void message.success(t('cases.upload.uploaded', { name: attachment.fileName || file.name }));
      await queryClient.invalidateQueries({ queryKey: queryKey ?? caseKeys.detail(caseId) });
    } catch (error) {
      showProblem(error, t('cases.upload.failed'));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="fp-attach-upload" data-testid={`attach-${purpose}`} data-count={mine.length}>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,application/pdf"
        className="fp-visually-hidden"
        onChange={(e) => void onFile(e.target.files?.[0])}
        data-testid={`upload-${purpose}`}
        aria-label={label ?? t('cases.upload.button')}
      />
      <Button icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
        {busy ? t('cases.upload.uploading') : (label ?? t('cases.upload.button'))}
      </Button>
      <span className="fp-muted fp-small">{t('cases.upload.hint')}</span>
      {mine.length > 0 ? (
        <ul className="fp-attach-list">
          {mine.map((a) => (
            <li key={a.id} data-testid="attachment-uploaded">
              <CheckCircleFilled className="fp-reason-supports" />{' '}
              <a href={a.url} target="_blank" rel="noreferrer">
                <PaperClipOutlined /> {a.fileName}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
