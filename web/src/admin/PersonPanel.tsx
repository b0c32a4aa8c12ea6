// One person: their details to edit (only what changed is sent), then the actions on them.
import { useSignal } from '@preact/signals';
import { changeUser, type AdminUser, type Place } from '../api/admin';
import { t } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { Ltr } from '../ui/bidi';
import { formOf, userChange, type PersonForm } from './person-change';
import { PersonActions } from './PersonActions';
import { PersonFields } from './PersonFields';
import { rolesFor } from './roles';

export interface PersonPanelProps {
  place: Place;
  user: AdminUser;
  agents: readonly { login: string; name: string }[];
  onChanged: () => void;
  onClose: () => void;
}

export function PersonPanel({ place, user, agents, onChanged, onClose }: PersonPanelProps) {
  const form = useSignal<PersonForm>(formOf(user));
  const saved = useSignal(false);
  const action = useAction();
  const change = userChange(user, form.value);
  const roles = rolesFor(place).includes(user.role) ? rolesFor(place) : [user.role, ...rolesFor(place)];

  const submit = async (e: Event) => {
    e.preventDefault();
    saved.value = false;
    if (await action.run(() => changeUser(place, user.id, change))) {
      saved.value = true;
      onChanged();
    }
  };

  return (
    <section class="card person-panel" aria-labelledby="person-title" data-testid="person-panel" data-login={user.login}
      onKeyDown={(e) => { if (e.key === 'Escape' && e.target === e.currentTarget) onClose(); }}>
      <div class="row between">
        <h2 id="person-title">{user.name} <Ltr class="muted">{user.login}</Ltr></h2>
        <button type="button" class="link" data-testid="person-close" onClick={onClose}>{t('admin.person.close')}</button>
      </div>
      <form class="stack" noValidate onSubmit={(e) => void submit(e)} data-testid="person-form">
        <PersonFields form={form} roles={roles} agents={agents} prefix="person" onEdit={() => { action.clear(); saved.value = false; }} />
        <ErrorText error={action.error.value} testid="person-error" />
        {saved.value && <p class="saved" role="status" data-testid="person-saved">{t('admin.person.saved')}</p>}
        <button type="submit" class="primary" disabled={action.busy.value || Object.keys(change).length === 0} data-testid="person-save">
          {t('admin.person.save')}
        </button>
      </form>
      <PersonActions place={place} user={user} onChanged={onChanged} />
    </section>
  );
}
