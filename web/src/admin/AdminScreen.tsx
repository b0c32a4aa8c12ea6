// The administrators' screen: a tenant's administrator manages their tenant's people, API tokens
// and audit log; the platform administrator the same for the outsourcer's own staff or for any
// client they name.
import { useSignal } from '@preact/signals';
import type { Place } from '../api/admin';
import type { User } from '../api/types';
import { AdminHeader } from './AdminHeader';
import { AdminTabs, type Tab } from './AdminTabs';
import { AuditTab } from './AuditTab';
import { PeopleTab } from './PeopleTab';
import { PlaceChooser } from './PlaceChooser';
import { TokensTab } from './TokensTab';

export function AdminScreen({ user }: { user: User }) {
  const operator = user.role === 'operator_admin';
  const chosen = useSignal<Place>(null);
  const place: Place = operator ? chosen.value : user.tenant;
  const tab = useSignal<Tab>('people');
  const key = `${place ?? '-'}/${tab.value}`;
  return (
    <div class="panel-page admin-page" data-testid="admin-screen" data-place={place ?? ''}>
      <AdminHeader user={user} />
      <div class="admin-bar">
        {operator && <PlaceChooser place={place} onChoose={(p) => { chosen.value = p; }} />}
        <AdminTabs tab={tab.value} onChange={(t) => { tab.value = t; }} />
      </div>
      <main class="admin-main">
        <div id="admin-tabpanel" role="tabpanel" aria-labelledby={`tab-${tab.value}`}>
          {tab.value === 'people' && <PeopleTab key={key} place={place} />}
          {tab.value === 'tokens' && <TokensTab key={key} place={place} />}
          {tab.value === 'audit' && <AuditTab key={key} place={place} />}
        </div>
      </main>
    </div>
  );
}
