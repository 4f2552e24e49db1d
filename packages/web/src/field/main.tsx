import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from './FieldApp.tsx';
import './field.css';

// The field app (docs/field-app.md): its own entry (field.html), without antd or i18next, so a
// cheap phone's first load stays within 250 KB of compressed JavaScript.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);

if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/field-sw.js', { scope: '/field' });
