import { Button, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../api/client';

// antd's Result (with its illustrations) is only needed when a page fails to load.
const Result = lazy(() => import('antd/es/result'));

/** A page's load failure: 404 for an id the caller may not see, else the error; optionally a way back. */
export function LoadFailed({ error, back }: { error: unknown; back?: { to: string; label: string } }) {
  const navigate = useNavigate();
  return (
    <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}>{errorMessage(error)}</div>}>
      <Result
        status={error instanceof ApiError && error.status === 404 ? '404' : 'error'}
        title={errorMessage(error)}
        extra={back ? <Button onClick={() => navigate(back.to)}>{back.label}</Button> : undefined}
      />
    </Suspense>
  );
}

/** A page still loading its data. */
export function PageLoading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}
