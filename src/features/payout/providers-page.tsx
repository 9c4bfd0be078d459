/**
 * Payment providers (admins; issue 12): the list, marked when an example or disabled, and a form
 * to add one or change one's template. Online only.
 */
import { useState } from 'react';
import type { ProviderInput } from '../../protocol/batches';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useSession } from '../../ui/use-session';
import { blankProvider, inputOf, ProviderForm } from './provider-form';
import { useProviders } from './use-payout';

export function ProvidersPage() {
  const { transport } = useServices();
  const session = useSession();
  const [providers, reload] = useProviders();
  const [editing, setEditing] = useState<{ id: string; input: ProviderInput } | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; isError: boolean } | null>(null);

  async function save(input: ProviderInput) {
    if (!session || !editing) return;
    setBusy(true);
    try {
      await transport.putProvider(session.token, editing.id, input);
      setNotice({ text: t.payout.saved, isError: false });
      setEditing(null);
      reload();
    } catch (e) {
      setNotice({ text: errorMessage((e as { code?: string }).code ?? 'unexpected'), isError: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="providers">
      <h1>{t.payout.providersTitle}</h1>
      <p className="muted">{t.payout.providersIntro}</p>
      {providers.state === 'loading' && <p className="muted">{t.payout.loading}</p>}
      {providers.state === 'failed' && (
        <p className="error" role="alert">
          {errorMessage(providers.code)}{' '}
          <button type="button" onClick={reload}>
            {t.payout.retry}
          </button>
        </p>
      )}
      {providers.state === 'ready' && (
        <ul className="plain" data-testid="providers">
          {providers.value.map((p) => (
            <li key={p.id} className="card">
              <strong>{p.name}</strong> · {p.code} · {t.payout.kinds[p.kind]} · {p.aliases.join(', ')}
              {p.isExample && <span className="badge"> {t.payout.example}</span>}
              {p.disabled && <span className="badge"> {t.payout.disabledMark}</span>}{' '}
              <button type="button" onClick={() => setEditing({ id: p.id, input: inputOf(p) })}>
                {t.payout.edit}
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => setEditing({ id: crypto.randomUUID(), input: blankProvider })}>
        {t.payout.newProvider}
      </button>
      {notice && (
        <p className={notice.isError ? 'error' : 'ok'} role={notice.isError ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {editing && <ProviderForm key={editing.id} initial={editing.input} busy={busy} onSave={(p) => void save(p)} />}
    </section>
  );
}
