import { EyeOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { ProblemAlert } from './ProblemAlert';

export interface MaskedValueProps {
  /** The value as the server masked it, e.g. `452626***********X`; null when unknown. */
  masked: string | null | undefined;
  /** Whether the actor may ask for the full value (`abilities.canReveal`). */
  canReveal: boolean;
  /** Asks the server for the full value with the reason given; the server writes the audit row. */
  onReveal: (reason: string) => Promise<string>;
  /** Called once the value is shown, so the page can say the view was recorded. */
  onRevealed?: (value: string) => void;
  /** Called when the server refuses (403) or fails; a limit reached (429) is shown in the dialog. */
  onError?: (error: unknown) => void;
  testId?: string;
}

/** Reasons people usually give, offered as one-tap choices (the text stays editable). */
const PRESETS = ['verification', 'application', 'callback', 'identity'] as const;
const MIN_REASON = 2;

/**
 * A personal value (ID number, phone) shown masked, with a 查看 button for roles that may reveal it.
 * Revealing asks why first (PIPL: access has a purpose; the reason is kept in the audit row). The
 * full value replaces the masked one in place and is kept only in component state: it is never
 * cached by react-query, so it disappears when the page is left.
 */
export function MaskedValue({ masked, canReveal, onReveal, onRevealed, onError, testId }: MaskedValueProps) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [isAsking, setIsAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [isLoading, setIsLoading] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);

  if (!masked) return <span className="fp-muted">{t('common.empty')}</span>;

  const close = () => {
    setIsAsking(false);
    setRefusal(null);
  };
  const reveal = async () => {
    if (reason.trim().length < MIN_REASON) return;
    setIsLoading(true);
    setRefusal(null);
    try {
      const value = await onReveal(reason.trim());
      setRevealed(value);
      setIsAsking(false);
      onRevealed?.(value);
    } catch (error) {
      if (isApiError(error) && error.status === 429) {
        setRefusal(error);
      } else {
        setIsAsking(false);
        onError?.(error);
      }
    } finally {
      setIsLoading(false);
    }
  };

  const isRevealed = revealed !== null;
  const isReasonShort = reason.trim().length < MIN_REASON;
  return (
    <span className="fp-masked" data-testid={testId} data-revealed={isRevealed ? 'true' : 'false'}>
      <span
        className={isRevealed ? 'fp-mono fp-revealed' : 'fp-mono'}
        data-testid={testId ? `${testId}-value` : undefined}
      >
        {revealed ?? masked}
      </span>
      {canReveal && !isRevealed ? (
        <Tooltip title={t('reveal.tooltip')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            onClick={() => setIsAsking(true)}
            data-testid={testId ? `${testId}-reveal` : undefined}
            className="fp-reveal-button"
          >
            {t('reveal.button')}
          </Button>
        </Tooltip>
      ) : null}
      {isAsking ? (
        <Modal
          open
          title={t('reveal.dialogTitle')}
          onCancel={close}
          onOk={() => void reveal()}
          okText={t('reveal.confirm')}
          cancelText={t('common.cancel')}
          okButtonProps={{ disabled: isReasonShort, loading: isLoading, 'data-testid': 'reveal-confirm' }}
          cancelButtonProps={{ 'data-testid': 'reveal-cancel' }}
          destroyOnHidden
          className="fp-reveal-dialog"
        >
          <div data-testid="reveal-dialog">
            <Typography.Paragraph className="fp-reveal-intro">
              <span className="fp-mono">{masked}</span>
              <br />
              {t('reveal.dialogIntro')}
            </Typography.Paragraph>
            <div className="fp-reveal-presets">
              {PRESETS.map((key) => (
                <Tag.CheckableTag
                  key={key}
                  checked={reason === t(`reveal.presets.${key}`)}
                  onChange={() => setReason(t(`reveal.presets.${key}`))}
                  data-testid={`reveal-preset-${key}`}
                  className="fp-reveal-preset"
                >
                  {t(`reveal.presets.${key}`)}
                </Tag.CheckableTag>
              ))}
            </div>
            <label className="fp-reveal-label" htmlFor="fp-reveal-reason">
              {t('reveal.reasonLabel')}
            </label>
            <Input.TextArea
              id="fp-reveal-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              showCount
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('reveal.reasonPlaceholder')}
              data-testid="reveal-reason"
              onPressEnter={(e) => {
                if (!e.shiftKey) {
                  e.preventDefault();
                  void reveal();
                }
              }}
            />
            <ProblemAlert error={refusal} className="fp-section" testId="reveal-refused" />
          </div>
        </Modal>
      ) : null}
    </span>
  );
}

/** True when a reveal failed because the role may not see the full value. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403;
}
