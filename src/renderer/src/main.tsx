import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleShell } from './ConsoleShell';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ConsoleShell />
    </StrictMode>,
  );
