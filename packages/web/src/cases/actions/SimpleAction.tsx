import { Form } from 'antd';
import type { ReactNode } from 'react';
import type { CaseEventType } from '../types';
import { CommentField, SubmitButton, type ActionProps } from './action-kit';

/** Events without data: an optional comment and the button. */
export function SimpleAction({ type, submit, pending, intro }: ActionProps & { type: CaseEventType; intro?: ReactNode }) {
  const [form] = Form.useForm<{ comment?: string }>();
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(undefined, v.comment)} data-testid={`form-${type}`}>
      {intro}
      <CommentField />
      <SubmitButton type={type} pending={pending} />
    </Form>
  );
}
