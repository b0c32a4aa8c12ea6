// The People tab: the list, the person opened (edit and actions) or the form for a new person.
import { useSignal } from '@preact/signals';
import { listAgents, listUsers, type Place } from '../api/admin';
import { t } from '../i18n/i18n';
import { ErrorText } from '../ui/ErrorText';
import { CreatePerson } from './CreatePerson';
import { PeopleTable } from './PeopleTable';
import { visiblePeople } from './people-filter';
import { PersonPanel } from './PersonPanel';
import { useLoaded } from './useLoaded';

export function PeopleTab({ place }: { place: Place }) {
  const users = useLoaded(() => listUsers(place), `users:${place ?? ''}`);
  // The agents are only suggestions: if they cannot be read, the login is typed.
  const agents = useLoaded(() => (place === null ? Promise.resolve([]) : listAgents(place)), `agents:${place ?? ''}`);
  const opened = useSignal<number | null>(null);
  const query = useSignal('');
  const showDisabled = useSignal(true);
  const list = users.data.value;
  const person = list?.find((u) => u.id === opened.value) ?? null;
  const agentList = agents.data.value ?? [];
  return (
    <div class="admin-columns" data-testid="admin-people">
      <section class="card" aria-labelledby="people-title">
        <div class="row between">
          <h2 id="people-title">{t('admin.people.title')}</h2>
          {opened.value !== null && (
            <button type="button" class="secondary" data-testid="people-new" onClick={() => { opened.value = null; }}>{t('admin.people.new')}</button>
          )}
        </div>
        <div class="row wrap list-filter">
          <label class="field inline">
            <span>{t('admin.people.search')}</span>
            <input type="search" value={query.value} autocomplete="off" data-testid="people-search" onInput={(e) => { query.value = e.currentTarget.value; }} />
          </label>
          <label class="check">
            <input type="checkbox" checked={showDisabled.value} data-testid="people-show-disabled" onChange={(e) => { showDisabled.value = e.currentTarget.checked; }} />
            {t('admin.people.showDisabled')}
          </label>
        </div>
        <ErrorText error={users.error.value} testid="people-error" />
        {list ? <PeopleTable users={visiblePeople(list, { query: query.value, showDisabled: showDisabled.value })} selected={opened.value} onOpen={(id) => { opened.value = id; }} /> : !users.error.value && <p role="status">{t('common.loading')}</p>}
      </section>
      <div class="admin-side">
        {person ? (
          <PersonPanel key={person.id} place={place} user={person} agents={agentList} onChanged={users.reload} onClose={() => { opened.value = null; }} />
        ) : (
          <CreatePerson place={place} agents={agentList} onCreated={users.reload} />
        )}
      </div>
    </div>
  );
}
