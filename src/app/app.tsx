import { NavLink, Navigate, Route, Routes, useNavigate } from 'react-router';
import { AttentionPage } from '../features/attention/attention-page';
import { LoginPage } from '../features/auth/login-page';
import { IdCheckPage } from '../features/id-check/id-check-page';
import { PayPage } from '../features/payments/pay-page';
import { PersonPage } from '../features/person/person-page';
import { ReadinessPage } from '../features/readiness/readiness-page';
import { PaymentsPage } from '../features/payments/payments-page';
import { PrintListPage } from '../features/payments/print-list-page';
import { RosterPage } from '../features/roster/roster-page';
import { SettingsPage } from '../features/settings/settings-page';
import { SyncStatusBar } from '../features/sync/sync-status-bar';
import { ConflictsPage } from '../features/supervision/conflicts-page';
import { DevicesPage } from '../features/supervision/devices-page';
import type { Role } from '../domain/vocabulary';
import { t } from '../ui/messages';
import { useSession } from '../ui/use-session';
import { PwaUpdate } from './pwa-update';
import { StorageBanner } from './storage-banner';

function Shell({ role }: { role: Role }) {
  const supervises = role === 'supervisor' || role === 'admin';
  return (
    <div className="shell">
      <header className="top">
        <span className="brand">{t.appName}</span>
        <nav aria-label="Chính">
          <NavLink to="/" end>
            {t.nav.roster}
          </NavLink>
          <NavLink to="/chi-tra">{t.nav.payments}</NavLink>
          <NavLink to="/mo-tai-khoan">{t.nav.readiness}</NavLink>
          <NavLink to="/can-xu-ly">{t.nav.attention}</NavLink>
          {supervises && <NavLink to="/xung-dot">{t.nav.conflicts}</NavLink>}
          {supervises && <NavLink to="/thiet-bi">{t.nav.devices}</NavLink>}
          <NavLink to="/settings">{t.nav.settings}</NavLink>
        </nav>
      </header>
      <SyncStatusBar />
      <main className="content">
        <Routes>
          <Route path="/" element={<RosterPage />} />
          <Route path="/nguoi/:id" element={<PersonPage />} />
          <Route path="/kiem-tra" element={<IdCheckPage />} />
          <Route path="/kiem-tra/:id" element={<IdCheckPage />} />
          <Route path="/chi-tra" element={<PaymentsPage />} />
          <Route path="/chi-tra/in" element={<PrintListPage />} />
          <Route path="/chi-tra/:lineId" element={<PayPage />} />
          <Route path="/mo-tai-khoan" element={<ReadinessPage />} />
          <Route path="/can-xu-ly" element={<AttentionPage />} />
          <Route path="/xung-dot" element={<ConflictsPage />} />
          <Route path="/thiet-bi" element={<DevicesPage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
    </div>
  );
}

export function App() {
  const session = useSession();
  const navigate = useNavigate();
  if (session === undefined) return null;
  return (
    <>
      <PwaUpdate />
      <StorageBanner />
      {session ? (
        <Shell role={session.user.role} />
      ) : (
        <Routes>
          <Route path="/login" element={<LoginPage onSuccess={() => void navigate('/', { replace: true })} />} />
          <Route path="*" element={<Navigate to="/login" replace />} />
        </Routes>
      )}
    </>
  );
}
