/**
 * "Giới thiệu thí điểm" (issue 17, "Guides"): the page a commune officer shows a beneficiary on
 * the tablet — what changes, how to open an account, the fees, where to ask — in large type, from
 * the commune's own text (pulled with the commune, so offline too) or the app's default. Admins and
 * supervisors edit a commune's text here, online (`PUT /api/communes/:code/about-pilot`).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { aboutPilotProblems, aboutPilotSections, type AboutPilot } from '../../domain/about-pilot';
import { errorMessage, t } from '../../ui/messages';
import { useServices } from '../../ui/services';
import { useCan } from '../../ui/use-can';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useSession } from '../../ui/use-session';

const defaults = (): AboutPilot => ({ ...t.guides.about.defaults });

export function AboutPilotPage() {
  const communes = useMyCommunes();
  const [params, setParams] = useSearchParams();
  const { db } = useServices();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const asked = params.get('xa');
  const code = communes?.find((c) => c.code === asked)?.code ?? communes?.[0]?.code ?? null;
  const commune = useLiveQuery(async () => (code ? ((await db.communes.get(code)) ?? null) : null), [db, code]);
  if (communes === undefined || commune === undefined) return null;
  const name = commune?.name ?? code ?? '';
  const own = commune?.aboutPilot ?? null;
  const about = own ?? defaults();

  return (
    <section className="about-pilot">
      <p className="muted no-print">{t.guides.about.lead}</p>
      {communes.length > 1 && (
        <div className="field no-print">
          <label htmlFor="about-commune">{t.guides.about.commune}</label>
          <select
            id="about-commune"
            value={code ?? ''}
            onChange={(e) => {
              setEditing(false);
              setParams({ xa: e.target.value }, { replace: true });
            }}
          >
            {communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <h1>{t.guides.about.title}</h1>
      <p className="muted" data-testid="about-source">
        {own ? t.guides.about.custom(name) : t.guides.about.standard}
      </p>
      <div className="about-text" data-testid="about-text">
        {aboutPilotSections.map((s) => (
          <section key={s}>
            <h2>{t.guides.about.sections[s]}</h2>
            {about[s].split('\n').map((line, i) => (line === '' ? null : <p key={i}>{line}</p>))}
          </section>
        ))}
      </div>
      <p className="no-print">
        <button type="button" onClick={() => window.print()}>
          {t.guides.about.print}
        </button>{' '}
        {code && can('about.edit', code) && !editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(true);
              setSaved(false);
            }}
          >
            {t.guides.about.edit}
          </button>
        )}
      </p>
      {editing && code && (
        <AboutEditor
          commune={code}
          communeName={name}
          initial={about}
          hasOwn={own !== null}
          onDone={(ok) => {
            setEditing(false);
            setSaved(ok);
          }}
        />
      )}
      {saved && (
        <p role="status" className="no-print">
          {t.guides.about.saved}
        </p>
      )}
    </section>
  );
}

function AboutEditor({
  commune,
  communeName,
  initial,
  hasOwn,
  onDone,
}: {
  commune: string;
  communeName: string;
  initial: AboutPilot;
  hasOwn: boolean;
  /** Closes the editor; `true` once the text was saved. */
  onDone: (saved: boolean) => void;
}) {
  const { transport, engine } = useServices();
  const token = useSession()?.token;
  const [text, setText] = useState<AboutPilot>(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function send(about: AboutPilot | null) {
    if (!token) return;
    if (!navigator.onLine) return setFailure(t.guides.about.needsConnection);
    setSaving(true);
    try {
      await transport.setAboutPilot(token, commune, about);
      // This device pulls the commune's new version at once.
      void engine.syncNow();
      onDone(true);
    } catch (error) {
      setFailure(errorMessage((error as { code?: string }).code ?? 'network'));
    } finally {
      setSaving(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = aboutPilotProblems(text).map((p) =>
      t.guides.about.problems[p.code](t.guides.about.sections[p.section]),
    );
    setProblems(found);
    setFailure(null);
    if (found.length === 0) void send(text);
  }

  return (
    <form className="card no-print" onSubmit={submit} noValidate aria-labelledby="about-edit-title">
      <h2 id="about-edit-title">{t.guides.about.editTitle(communeName)}</h2>
      <p className="muted">{t.guides.about.editHint}</p>
      {aboutPilotSections.map((s) => (
        <div className="field" key={s}>
          <label htmlFor={`about-${s}`}>{t.guides.about.sections[s]}</label>
          <textarea
            id={`about-${s}`}
            rows={5}
            value={text[s]}
            onChange={(e) => setText({ ...text, [s]: e.target.value })}
          />
        </div>
      ))}
      {problems.length > 0 && (
        <ul className="error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <p>
        <button type="submit" className="primary" disabled={saving}>
          {t.guides.about.save}
        </button>{' '}
        {hasOwn && (
          <button type="button" disabled={saving} onClick={() => void send(null)}>
            {t.guides.about.reset}
          </button>
        )}{' '}
        <button type="button" onClick={() => onDone(false)}>
          {t.guides.about.cancel}
        </button>
      </p>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
    </form>
  );
}
