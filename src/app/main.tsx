import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { LanguageProvider, restoreLanguage } from '../ui/language';
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
              <App />
            </BrowserRouter>
          </LanguageProvider>
        </ServicesProvider>
      </ErrorBoundary>
    </StrictMode>,
  );
}

// After the first paint, so loading the other screens never delays the roster.
setTimeout(() => void preloadScreens(), 1000);
