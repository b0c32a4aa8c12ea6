// Which screen: the login steps until the session is complete, then the screen of the user's
// role (the agent panel, the administrators' screen; the other roles' screens come later).
import { AdminScreen } from '../admin/AdminScreen';
import { t } from '../i18n/i18n';
import { EnrolmentScreen } from '../login/EnrolmentScreen';
import { LoginScreen } from '../login/LoginScreen';
import { RecoveryCodesScreen } from '../login/RecoveryCodesScreen';
import { SecondFactorScreen } from '../login/SecondFactorScreen';
import { AgentPanel } from '../panel/AgentPanel';
import { loadFailed, loadSession, recoveryCodes, session } from '../session/session';
import { ComingSoon } from '../soon/ComingSoon';

export function App() {
  const s = session.value;
  if (loadFailed.value) {
    return (
      <main class="center" data-testid="unreachable">
        <p class="error" role="alert">{t('errors.network')}</p>
        <button type="button" class="primary" onClick={() => void loadSession()}>{t('common.retry')}</button>
      </main>
    );
  }
  if (!s) return <main class="center"><p role="status">{t('common.loading')}</p></main>;
  if (recoveryCodes.value) return <RecoveryCodesScreen />;
  switch (s.stage) {
    case 'second_factor': return <SecondFactorScreen />;
    case 'enrol_second_factor': return <EnrolmentScreen />;
    case 'complete': {
      const u = s.user;
      if (!u) return <LoginScreen />;
      if (u.role === 'agent' && u.tenant && u.agentId) return <AgentPanel key={`${u.tenant}/${u.agentId}`} user={{ ...u, tenant: u.tenant, agentId: u.agentId }} />;
      if (u.role === 'tenant_admin' || u.role === 'operator_admin') return <AdminScreen key={`${u.id}`} user={u} />;
      return <ComingSoon user={u} />;
    }
    default: return <LoginScreen />;
  }
}
