import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes, useNavigate } from 'react-router';
import { AttentionPage } from '../features/attention/attention-page';
import { LoginPage } from '../features/auth/login-page';
import { PasswordPage } from '../features/auth/password-page';
import { PaymentsPage } from '../features/payments/payments-page';
import { EnrolLink } from '../features/person/enrol-link';
import { RosterPage } from '../features/roster/roster-page';
import { SettingsPage } from '../features/settings/settings-page';
import { LockScreen } from '../features/lock/lock-screen';
import { PinSetupPage } from '../features/lock/pin-setup-page';
import { useIdleLock } from '../features/lock/use-idle-lock';
import { SyncStatusBar } from '../features/sync/sync-status-bar';
import { FirstSignInTour } from '../features/guides/tour';
import { lockDevice } from '../storage/device-unlock';
import { t } from '../ui/messages';
import { useServices } from '../ui/services';
import { useCan } from '../ui/use-can';
import { useKeyring } from '../ui/use-keyring';
import { useSession } from '../ui/use-session';
import { LockNotice, useDeviceLock } from './lease-gate';
import { PwaUpdate } from './pwa-update';
import { StorageBanner } from './storage-banner';

// Screens with heavy dependencies (camera decoding, forms) load on first use; the service
// worker precaches their chunks, so they still open offline.
const screens = {
  IdCheckPage: () => import('../features/id-check/id-check-page'),
  PersonPage: () => import('../features/person/person-page'),
  EnrolmentPage: () => import('../features/person/enrolment-page'),
  PayPage: () => import('../features/payments/pay-page'),
  PrintListPage: () => import('../features/payments/print-list-page'),
  AssignPage: () => import('../features/payments/assign-page'),
  MyRoundPage: () => import('../features/payments/my-round-page'),
  PrintRoundPage: () => import('../features/payments/print-round-page'),
  CashPage: () => import('../features/payments/cash-page'),
  CashStatementPage: () => import('../features/payments/cash-statement-page'),
  CashSupervisionPage: () => import('../features/payments/cash-supervision-page'),
  PointsPage: () => import('../features/payments/points-page'),
  PracticeCardsPage: () => import('../features/settings/practice-cards-page'),
  PointsPrintPage: () => import('../features/payments/points-print-page'),
  ReadinessPage: () => import('../features/readiness/readiness-page'),
  OutreachDayPage: () => import('../features/person/outreach-day-page'),
  OutreachPersonPage: () => import('../features/person/outreach-person-page'),
  OutreachSlipPage: () => import('../features/person/outreach-slip-page'),
  OutreachReportPage: () => import('../features/person/outreach-report-page'),
  ConflictsPage: () => import('../features/supervision/conflicts-page'),
  DevicesPage: () => import('../features/supervision/devices-page'),
  ListsPage: () => import('../features/lists/lists-page'),
  PayoutPage: () => import('../features/payout/payout-page'),
  ProvidersPage: () => import('../features/payout/providers-page'),
  OpenedAccountsPage: () => import('../features/payout/opened-accounts-page'),
  LeasesPage: () => import('../features/leases/leases-page'),
  ReportsPage: () => import('../features/reports/reports-page'),
  MonthlyReportPage: () => import('../features/reports/monthly-report-page'),
  UsersPage: () => import('../features/users/users-page'),
  VerifyReceiptPage: () => import('../features/receipts/verify-receipt-page'),
  GuidesPage: () => import('../features/guides/guides-page'),
  AboutPilotPage: () => import('../features/guides/about-pilot-page'),
};

const IdCheckPage = lazy(() => screens.IdCheckPage().then((m) => ({ default: m.IdCheckPage })));
const PersonPage = lazy(() => screens.PersonPage().then((m) => ({ default: m.PersonPage })));
const EnrolmentPage = lazy(() => screens.EnrolmentPage().then((m) => ({ default: m.EnrolmentPage })));
const PayPage = lazy(() => screens.PayPage().then((m) => ({ default: m.PayPage })));
const PrintListPage = lazy(() => screens.PrintListPage().then((m) => ({ default: m.PrintListPage })));
const AssignPage = lazy(() => screens.AssignPage().then((m) => ({ default: m.AssignPage })));
const MyRoundPage = lazy(() => screens.MyRoundPage().then((m) => ({ default: m.MyRoundPage })));
const PrintRoundPage = lazy(() => screens.PrintRoundPage().then((m) => ({ default: m.PrintRoundPage })));
const CashPage = lazy(() => screens.CashPage().then((m) => ({ default: m.CashPage })));
const CashStatementPage = lazy(() => screens.CashStatementPage().then((m) => ({ default: m.CashStatementPage })));
const PracticeCardsPage = lazy(() => screens.PracticeCardsPage().then((m) => ({ default: m.PracticeCardsPage })));
const PointsPage = lazy(() => screens.PointsPage().then((m) => ({ default: m.PointsPage })));
const PointsPrintPage = lazy(() => screens.PointsPrintPage().then((m) => ({ default: m.PointsPrintPage })));
const CashSupervisionPage = lazy(() => screens.CashSupervisionPage().then((m) => ({ default: m.CashSupervisionPage })));
const OutreachDayPage = lazy(() => screens.OutreachDayPage().then((m) => ({ default: m.OutreachDayPage })));
const OutreachPersonPage = lazy(() => screens.OutreachPersonPage().then((m) => ({ default: m.OutreachPersonPage })));
const OutreachSlipPage = lazy(() => screens.OutreachSlipPage().then((m) => ({ default: m.OutreachSlipPage })));
const OutreachReportPage = lazy(() => screens.OutreachReportPage().then((m) => ({ default: m.OutreachReportPage })));
const ReadinessPage = lazy(() => screens.ReadinessPage().then((m) => ({ default: m.ReadinessPage })));
const ConflictsPage = lazy(() => screens.ConflictsPage().then((m) => ({ default: m.ConflictsPage })));
const DevicesPage = lazy(() => screens.DevicesPage().then((m) => ({ default: m.DevicesPage })));
const ListsPage = lazy(() => screens.ListsPage().then((m) => ({ default: m.ListsPage })));
const PayoutPage = lazy(() => screens.PayoutPage().then((m) => ({ default: m.PayoutPage })));
const ProvidersPage = lazy(() => screens.ProvidersPage().then((m) => ({ default: m.ProvidersPage })));
const OpenedAccountsPage = lazy(() => screens.OpenedAccountsPage().then((m) => ({ default: m.OpenedAccountsPage })));
const LeasesPage = lazy(() => screens.LeasesPage().then((m) => ({ default: m.LeasesPage })));
const ReportsPage = lazy(() => screens.ReportsPage().then((m) => ({ default: m.ReportsPage })));
const MonthlyReportPage = lazy(() => screens.MonthlyReportPage().then((m) => ({ default: m.MonthlyReportPage })));
const UsersPage = lazy(() => screens.UsersPage().then((m) => ({ default: m.UsersPage })));
const GuidesPage = lazy(() => screens.GuidesPage().then((m) => ({ default: m.GuidesPage })));
const AboutPilotPage = lazy(() => screens.AboutPilotPage().then((m) => ({ default: m.AboutPilotPage })));
const VerifyReceiptPage = lazy(() => screens.VerifyReceiptPage().then((m) => ({ default: m.VerifyReceiptPage })));

/**
 * Loads every lazy screen in the background once the app has started, while there is a network:
 * a first visit that goes offline before the service worker controls the page (it only does after
 * a reload) can still open every screen.
 */
export async function preloadScreens(): Promise<boolean> {
  const loads = await Promise.allSettled(Object.values(screens).map((load) => load()));
  const done = loads.every((l) => l.status === 'fulfilled');
  // Visible to tests and support staff: every screen can now open without a network.
  if (done) document.documentElement.dataset['screens'] = 'loaded';
  return done;
}

function Shell() {
  const can = useCan();
  const lock = useDeviceLock();
  const { db, mode } = useServices();
  useIdleLock();
  // Screens the role cannot use are neither offered nor reachable by typing their address. While
  // the stored session is still being read nobody may do anything yet: wait, or a reload of an
  // admin's or supervisor's screen would be sent to the roster.
  const only = (allowed: boolean, screen: React.ReactNode) =>
    allowed ? screen : can.isKnown ? <Navigate to="/" replace /> : null;
  // A reports-only user (monitoring) has no roster on the device: the roster's and payments'
  // screens are not theirs, and "/" opens the reports.
  const field = can('roster.pull');
  const outreach = can('beneficiary.set-payment-method');
  const roster = (screen: React.ReactNode) => only(field, screen);
  const practice = mode?.practice ?? false;
  return (
    <div className="shell">
      <header className="top">
        <span className="brand">{t.appName}</span>
        <nav aria-label={t.nav.label}>
          {field && (
            <>
              <NavLink to="/" end>
                {t.nav.roster}
              </NavLink>
              {can('round.view') && <NavLink to="/cua-toi">{t.round.nav}</NavLink>}
              {can('cash.receive') && <NavLink to="/tien-mat">{t.cash.nav}</NavLink>}
              <NavLink to="/chi-tra">{t.nav.payments}</NavLink>
              <NavLink to="/mo-tai-khoan">{t.nav.readiness}</NavLink>
              <NavLink to="/can-xu-ly">{t.nav.attention}</NavLink>
              {can('payment.assign') && <NavLink to="/phan-cong">{t.assign.nav}</NavLink>}
              {can('cash.acknowledge') && <NavLink to="/tien-mat/giam-sat">{t.cash.navSupervise}</NavLink>}
              {can('points.manage') && <NavLink to="/diem-chi-tra">{t.points.nav}</NavLink>}
              {can('beneficiary.set-payment-method') && <NavLink to="/ngay-truyen-thong">{t.outreach.nav}</NavLink>}
              <NavLink to="/kiem-tra-bien-nhan">{t.receiptCheck.nav}</NavLink>
              <NavLink to="/gioi-thieu">{t.guides.about.nav}</NavLink>
            </>
          )}
          {can('conflicts.review') && <NavLink to="/xung-dot">{t.nav.conflicts}</NavLink>}
          {can('devices.manage') && <NavLink to="/thiet-bi">{t.nav.devices}</NavLink>}
          {can('lists.view') && <NavLink to="/danh-sach-thang">{t.nav.lists}</NavLink>}
          {can('batches.view') && <NavLink to="/chuyen-khoan">{t.payout.nav}</NavLink>}
          {can('batches.prepare') && <NavLink to="/tai-khoan-da-mo">{t.payout.navOpenedAccounts}</NavLink>}
          {can('providers.manage') && <NavLink to="/nha-cung-cap">{t.payout.navProviders}</NavLink>}
          {can('leases.manage') && <NavLink to="/thoi-han-ngoai-tuyen">{t.leases.nav}</NavLink>}
          {can('reports.view') && <NavLink to="/bao-cao">{t.reports.nav}</NavLink>}
          {can('users.manage') && <NavLink to="/nguoi-dung">{t.users.nav}</NavLink>}
          {field && <NavLink to="/huong-dan">{t.guides.nav}</NavLink>}
          <NavLink to="/settings">{t.nav.settings}</NavLink>
        </nav>
        <button type="button" className="lock-now" onClick={() => lockDevice(db)}>
          {t.pinLock.lockNow}
        </button>
      </header>
      <SyncStatusBar />
      <main className="content">
        {lock !== null ? (
          <LockNotice lock={lock} />
        ) : (
          <>
            {field && <FirstSignInTour />}
            <Suspense fallback={<p className="muted">{t.loading}</p>}>
              <Routes>
                <Route
                  path="/"
                  element={
                    field ? (
                      <>
                        <EnrolLink />
                        <RosterPage />
                      </>
                    ) : can.isKnown ? (
                      <Navigate to={can('reports.view') ? '/bao-cao' : '/settings'} replace />
                    ) : null
                  }
                />
                <Route path="/nguoi-moi" element={roster(<EnrolmentPage />)} />
                <Route path="/nguoi/:id" element={roster(<PersonPage />)} />
                <Route path="/kiem-tra" element={roster(<IdCheckPage />)} />
                <Route path="/kiem-tra/:id" element={roster(<IdCheckPage />)} />
                <Route path="/chi-tra" element={roster(<PaymentsPage />)} />
                <Route path="/chi-tra/in" element={roster(<PrintListPage />)} />
                <Route path="/chi-tra/:lineId" element={roster(<PayPage />)} />
                <Route path="/cua-toi" element={only(field && can('round.view'), <MyRoundPage />)} />
                <Route path="/cua-toi/in" element={only(field && can('round.view'), <PrintRoundPage />)} />
                <Route path="/phan-cong" element={only(field && can('payment.assign'), <AssignPage />)} />
                <Route path="/diem-chi-tra" element={only(field && can('points.manage'), <PointsPage />)} />
                <Route path="/diem-chi-tra/in" element={roster(<PointsPrintPage />)} />
                <Route path="/tien-mat" element={only(field && can('cash.receive'), <CashPage />)} />
                <Route path="/tien-mat/in" element={only(field && can('cash.receive'), <CashStatementPage />)} />
                <Route
                  path="/tien-mat/giam-sat"
                  element={only(field && can('cash.acknowledge'), <CashSupervisionPage />)}
                />
                <Route path="/mo-tai-khoan" element={roster(<ReadinessPage />)} />
                <Route path="/ngay-truyen-thong" element={only(field && outreach, <OutreachDayPage />)} />
                <Route path="/ngay-truyen-thong/in" element={only(field && outreach, <OutreachReportPage />)} />
                <Route path="/ngay-truyen-thong/phieu/:id" element={only(field && outreach, <OutreachSlipPage />)} />
                <Route path="/ngay-truyen-thong/:id" element={only(field && outreach, <OutreachPersonPage />)} />
                <Route path="/can-xu-ly" element={roster(<AttentionPage />)} />
                <Route path="/kiem-tra-bien-nhan" element={roster(<VerifyReceiptPage />)} />
                <Route path="/xung-dot" element={only(can('conflicts.review'), <ConflictsPage />)} />
                <Route path="/thiet-bi" element={only(can('devices.manage'), <DevicesPage />)} />
                <Route path="/danh-sach-thang" element={only(can('lists.view'), <ListsPage />)} />
                <Route path="/chuyen-khoan" element={only(can('batches.view'), <PayoutPage />)} />
                <Route path="/nha-cung-cap" element={only(can('providers.manage'), <ProvidersPage />)} />
                <Route path="/tai-khoan-da-mo" element={only(can('batches.prepare'), <OpenedAccountsPage />)} />
                <Route path="/thoi-han-ngoai-tuyen" element={only(can('leases.manage'), <LeasesPage />)} />
                <Route path="/bao-cao" element={only(can('reports.view'), <ReportsPage />)} />
                <Route path="/bao-cao/in" element={only(can('reports.view'), <MonthlyReportPage />)} />
                <Route path="/nguoi-dung" element={only(can('users.manage'), <UsersPage />)} />
                <Route path="/settings" element={<SettingsPage />} />
                <Route path="/huong-dan" element={<GuidesPage />} />
                <Route path="/huong-dan/:id" element={<GuidesPage />} />
                <Route path="/gioi-thieu" element={roster(<AboutPilotPage />)} />
                <Route path="/luyen-tap/the" element={only(practice, <PracticeCardsPage />)} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </Suspense>
          </>
        )}
      </main>
    </div>
  );
}

/**
 * What the app shows first: the lock screen while the device's data is locked (at every start and
 * after idle time, issue 13), the new-password screen, the PIN step on a device without a vault,
 * the screens, or the sign-in. A locked app keeps its address: the PIN opens the same screen.
 */
export function App() {
  const keyring = useKeyring();
  const session = useSession();
  const navigate = useNavigate();
  if (keyring === 'unknown' || session === undefined) return null;
  return (
    <>
      <PwaUpdate />
      <StorageBanner />
      {keyring === 'locked' ? (
        <LockScreen />
      ) : session?.user.mustChangePassword ? (
        <PasswordPage />
      ) : session && keyring === 'no-vault' ? (
        <PinSetupPage />
      ) : session ? (
        <Shell />
      ) : (
        <Routes>
          <Route path="/login" element={<LoginPage onSuccess={() => void navigate('/', { replace: true })} />} />
          <Route path="*" element={<Navigate to="/login" replace />} />
        </Routes>
      )}
    </>
  );
}
