import { Spin } from 'antd';

/** Shown while a page's code or the signed-in user loads; kept apart so the login page needs nothing else. */
export function FullPageSpin() {
  return (
    <div className="fp-fullpage-spin">
      <Spin size="large" />
    </div>
  );
}
