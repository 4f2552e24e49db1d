import { passwordProblems } from '@fangpin/domain';
import type { Rule, RuleObject } from 'antd/es/form';

/**
 * The form rule for a new password: the domain's policy (at least 10 characters, not the username,
 * not a common password), every reason in the reader's language, as the server will check it.
 */
export function newPasswordRule(language: string, username: string | undefined): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value !== 'string' || value === '') return;
      const problems = passwordProblems(value, { username });
      if (problems.length > 0) throw new Error(problems.map((p) => (language === 'en' ? p.en : p.zh)).join(language === 'en' ? '; ' : '；'));
    },
  };
}

/** The rule of a "type it again" field, checked against the field `other`. */
export function sameAsRule(other: string, message: string): (form: { getFieldValue: (name: string) => unknown }) => RuleObject {
  return ({ getFieldValue }) => ({
    validator: async (_rule, value: unknown) => {
      if (value && value !== getFieldValue(other)) throw new Error(message);
    },
  });
}
