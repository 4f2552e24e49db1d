import { EyeOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

export interface MaskedValueProps {
  /** The value as the server masked it, e.g. `452626********1234`; null when unknown. */
  masked: string | null | undefined;
  /** Whether the actor may ask for the full value (`abilities.canReveal`). */
  canReveal: boolean;
  /** Asks the server for the full value; the server writes the audit row. */
  onReveal: () => Promise<string>;
  /** Called once the value is shown, so the page can say the view was recorded. */
  onRevealed?: (value: string) => void;
  /** Called when the server refuses (403) or fails. */
  onError?: (error: unknown) => void;
  testId?: string;
}

/**
 * A personal value (ID number, phone) shown masked, with a 查看 button for roles that may reveal it.
 * The full value replaces the masked one in place and is kept only in component state: it is never
 * cached by react-query, so it disappears when the page is left.
 */
export function MaskedValue({ masked, canReveal, onReveal, onRevealed, onError, testId }: MaskedValueProps) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(false);

  if (!masked) return <span className="fp-muted">{t('common.empty')}</span>;

  const reveal = async () => {
    setIsLoading(true);
    try {
      const value = await onReveal();
      setRevealed(value);
      onRevealed?.(value);
    } catch (error) {
      onError?.(error);
    } finally {
      setIsLoading(false);
    }
  };

  const isRevealed = revealed !== null;
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
            loading={isLoading}
            onClick={() => void reveal()}
            data-testid={testId ? `${testId}-reveal` : undefined}
            className="fp-reveal-button"
          >
            {t('reveal.button')}
          </Button>
        </Tooltip>
      ) : null}
    </span>
  );
}

/** True when a reveal failed because the role may not see the full value. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403;
}
