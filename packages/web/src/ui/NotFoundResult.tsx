import { Button, Result } from 'antd';
import { Link } from 'react-router';

/** A 404 in the page: what is missing, why, and the way back (the whole app's, or a list's). */
export function NotFoundResult({ title, detail, back, to, testId }: { title: string; detail: string; back: string; to: string; testId: string }) {
  return (
    <Result
      status="404"
      title={title}
      subTitle={detail}
      data-testid={testId}
      extra={
        <Link to={to}>
          <Button type="primary">{back}</Button>
        </Link>
      }
    />
  );
}
