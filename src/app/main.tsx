import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { LanguageProvider, restoreLanguage } from '../ui/language';
import { scheduleIdlePreload } from '../ui/idle-preload';
import { PracticeBanner } from '../ui/practice-banner';
import { ServicesProvider } from '../ui/services';
import '../ui/styles.css';
import { App, preloadScreens } from './app';
import { createServices, requestPersistentStorage } from './create-services';
import { ErrorBoundary } from './error-boundary';

restoreLanguage();
const services = createServices();
services.engine.start();
void requestPersistentStorage(services).catch(() => undefined);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <ServicesProvider services={services}>
          <LanguageProvider>
            <BrowserRouter>
              <PracticeBanner />
              <App />
            </BrowserRouter>
          </LanguageProvider>
        </ServicesProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

// Once the roster has painted and the browser is idle: loading the other screens never delays it.
scheduleIdlePreload(preloadScreens, { fallbackMs: 10_000 });
