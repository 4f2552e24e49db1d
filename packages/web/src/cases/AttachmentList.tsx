import { PaperClipOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../households/age';
import type { CaseAttachment } from './types';
import './attachments.css';

/** A file's size as people read it: 812 B, 35.2 KB, 1.4 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The files of a case (identification or risk elimination), oldest first: each with its kind (signed
 * consent, minutes, notice photo …), its name as a download link (the server checks and audits the
 * download), who uploaded it when, and its size; a visit report's photo says which visit it came with.
 */
export function AttachmentList({ attachments }: { attachments: readonly CaseAttachment[] }) {
  const { t, i18n } = useTranslation();
  if (attachments.length === 0) return <span className="fp-muted">{t('cases.detail.noAttachments')}</span>;
  return (
    <ul className="fp-attach-list" data-testid="case-attachments">
      {attachments.map((a) => (
        <li key={a.id} data-testid="case-attachment" data-purpose={a.purpose}>
          <Tag>{t(`cases.purpose.${a.purpose}`, { defaultValue: a.purpose })}</Tag>
          <a href={a.url} target="_blank" rel="noreferrer">
            <PaperClipOutlined /> {a.fileName}
          </a>
          <span className="fp-muted fp-small">
            {' '}
            {a.origin ? (
              <span data-testid="attachment-origin" data-origin={a.origin.kind}>
                {t('cases.detail.fromVisit', { date: a.origin.visitedOn, name: a.origin.visitorName })}
              </span>
            ) : (
              <>
                {a.uploadedBy} · <span className="fp-attach-nowrap">{formatDateTime(a.createdAt, i18n.language)}</span>
              </>
            )}
            <span data-testid="attachment-size">
              {' '}
              · <span className="fp-attach-nowrap">{formatFileSize(a.size)}</span>
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}
