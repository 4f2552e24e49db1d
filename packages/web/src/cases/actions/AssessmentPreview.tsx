import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HouseholdAssessment } from '@fangpin/domain';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AssessmentView } from '../AssessmentView';
import { useAssessmentPreview } from '../hooks';
import type { CaseDetail } from '../types';

/**
 * 系统评估 before it is recorded: the county runs the assessment on the facts gathered so far (the
 * server computes it with the members' exact ages, nothing stored) and sees why before choosing to
 * send the case to the village deliberation or to reject it.
 */
export function AssessmentPreview({
  detail,
  preview,
  onPreview,
}: {
  detail: CaseDetail;
  preview: HouseholdAssessment | null;
  onPreview: (a: HouseholdAssessment) => void;
}) {
  const { t } = useTranslation();
  const run = useAssessmentPreview(detail.id);
  const onRun = () => {
    run.mutate(undefined, { onSuccess: (result) => onPreview(result) });
  };
  return (
    <div className="fp-assessment-preview" data-testid="assessment-preview">
      <Alert type="info" showIcon className="fp-section" title={t('cases.assessment.intro')} />
      <Button type={preview ? 'default' : 'primary'} onClick={onRun} loading={run.isPending} data-testid="assessment-run" block>
        {t('cases.assessment.run')}
      </Button>
      <ProblemAlert error={run.error} className="fp-section" testId="assessment-error" />
      {preview ? (
        <div className="fp-assessment-preview-result">
          <AssessmentView assessment={preview} />
        </div>
      ) : null}
    </div>
  );
}
