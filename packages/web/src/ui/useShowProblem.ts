import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { problemLine } from './problem';

/**
 * Shows a failed request as an error toast, in the reader's language (optionally after a lead
 * such as "上传失败"). Kept apart from ProblemAlert: antd's App is not in the login page's download.
 */
export function useShowProblem(): (error: unknown, lead?: string) => void {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  return (error, lead) => void message.error(problemLine(t, error, i18n.language, lead));
}
