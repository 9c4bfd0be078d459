import { Component, type ReactNode } from 'react';
import { vi } from '../ui/messages.vi';

type State = { failed: boolean };

/** Catches render crashes and tells the user their unsynced data is safe (STYLE.md §2.9). */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <main className="crash" role="alert">
        <h1>{vi.errorBoundary.title}</h1>
        <p>{vi.errorBoundary.body}</p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {vi.errorBoundary.reload}
        </button>
      </main>
    );
  }
}
