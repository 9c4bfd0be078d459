import { Component, type ReactNode } from 'react';
import { t } from '../ui/messages';

type State = { failed: boolean };

/** Catches render crashes and tells the user their unsynced data is safe (docs/style.md §2.9). */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>{t.errorBoundary.title}</h1>
        <p>{t.errorBoundary.body}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t.errorBoundary.reload}
        </button>
      </main>
    );
  }
}
