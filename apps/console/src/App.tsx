import { BrowserRouter, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { AdoptionPage } from './pages/AdoptionPage';
import { AuditPage } from './pages/AuditPage';
import { BillingPage } from './pages/BillingPage';
import { CampaignsPage } from './pages/CampaignsPage';
import { DeadLettersPage } from './pages/DeadLettersPage';
import { LicensesPage } from './pages/LicensesPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OfficeDetailPage } from './pages/OfficeDetailPage';
import { OfficesPage } from './pages/OfficesPage';
import { OperatorsPage } from './pages/OperatorsPage';
import { OverviewPage } from './pages/OverviewPage';
import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';
import { RequireSession, SessionProvider } from './session/session';

/** The console's URLs (under /console, the archive's SPA fallback serves index.html for each). */
export function App() {
  return (
    <BrowserRouter basename="/console">
      <SessionProvider>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/setup/:token" element={<SetupPage />} />
          <Route
            element={
              <RequireSession>
                <Layout />
              </RequireSession>
            }
          >
            <Route index element={<OverviewPage />} />
            <Route path="/offices" element={<OfficesPage />} />
            <Route path="/offices/:no" element={<OfficeDetailPage />} />
            <Route path="/licenses" element={<LicensesPage />} />
            <Route path="/campaigns" element={<CampaignsPage />} />
            <Route path="/billing" element={<BillingPage />} />
            <Route path="/adoption" element={<AdoptionPage />} />
            <Route path="/dead-letters" element={<DeadLettersPage />} />
            <Route path="/audit" element={<AuditPage />} />
            <Route path="/operators" element={<OperatorsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
